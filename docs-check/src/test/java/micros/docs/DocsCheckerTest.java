package micros.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker on a document with wrong names and failing commands beside right ones (a long command with an option
 * the launcher does not know among them): it names exactly the wrong ones.
 */
class DocsCheckerTest {
    @Test
    void namesWhatDoesNotExistAndWhatDoesNotRun(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("wrong.md");
        Files.writeString(doc, """
                The `Machine` boots `fixtures/target/hello.elf` (`hello.elf`, `fixtures/target/*.elf`, `GuestMemory.physicalOf`,
                `micros.frames.FrameAllocator`, `micros.magic`, `Integer`, `emu-bench/…/Machine`), with `rax` and `cli; hlt`.
                Wrong: `NoSuchMachine`, `GuestMemory.aliasVirtualPage`, `kernel/src/main/java/micros/nothing/`, `nosuch.elf`,
                `micros.frames.NoAllocator`, `fixtures/target/*.exe`.

                ```
                ./micros boot --kernel fixtures/target/hello.elf
                ./micros boot --kernel fixtures/target/hello.elf --no-such-option
                ./micros boot --kernel fixtures/target/hello.elf   # exits 3
                ./micros test --campaign 3
                ./micros bench --no-such-flag
                ```
                """);
        Path root = Tree.root();
        List<String> problems = new DocsChecker(root, new Launcher(root, Duration.ofSeconds(120))).check(List.of(doc));
        List<String> expected = List.of(
                "wrong.md:8: ./micros boot --kernel fixtures/target/hello.elf --no-such-option: exit status 2, the document says 0",
                "wrong.md:9: ./micros boot --kernel fixtures/target/hello.elf: exit status 0, the document says 3",
                "wrong.md:11: ./micros bench --no-such-flag: './micros bench --help' names no --no-such-flag",
                "wrong.md:3: `NoSuchMachine`", "wrong.md:3: `GuestMemory.aliasVirtualPage`: GuestMemory has no aliasVirtualPage",
                "wrong.md:3: `kernel/src/main/java/micros/nothing/`", "wrong.md:3: `nosuch.elf`", "wrong.md:4: `micros.frames.NoAllocator`",
                "wrong.md:4: `fixtures/target/*.exe`");
        assertEquals(expected.size(), problems.size(), String.join("\n", problems));
        for (int i = 0; i < expected.size(); i++)
            assertTrue(problems.get(i).startsWith(expected.get(i)), "problem " + i + ": " + problems.get(i) + "\nexpected: " + expected.get(i));
    }

    /** A sample that is what its command prints passes; one that drifted is named with its first differing line. */
    @Test
    void namesTheSampleThatIsNotWhatItsCommandPrints(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("samples.md");
        Files.writeString(doc, """
                ```output ./micros boot --kernel fixtures/target/hello.elf
                fixture: hello from a 32-bit multiboot2 kernel

                -- … instructions, clean halt (hlt with interrupts off), 32-bit protected mode, paging off, CPL 0, 0.5 s
                ```

                ```output
                ./micros boot --kernel fixtures/target/hello.elf --memory 64M
                fixture: hello from a 64-bit multiboot2 kernel
                ...
                ./micros boot --kernel fixtures/target/hello.elf --max-insns 1000   # exits 1
                fixture: hello from a 32-bit multiboot2 kernel
                ...
                ./micros qemu
                ```
                """);
        Path root = Tree.root();
        List<String> problems = new DocsChecker(root, new Launcher(root, Duration.ofSeconds(120))).check(List.of(doc));
        assertEquals(List.of(
                "samples.md:8: ./micros boot --kernel fixtures/target/hello.elf --memory 64M: the output differs from the sample: sample line 1 "
                        + "'fixture: hello from a 64-bit multiboot2 kernel', the command prints 'fixture: hello from a 32-bit multiboot2 kernel'",
                "samples.md:11: ./micros boot --kernel fixtures/target/hello.elf --max-insns 1000: exit status 0, the document says 1",
                "samples.md:14: ./micros qemu: long work is not run, so its output cannot be checked: bound it or unmark the block"), problems);
    }
}
