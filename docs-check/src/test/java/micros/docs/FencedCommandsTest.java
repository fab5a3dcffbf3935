package micros.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FencedCommandsTest {
    @Test
    void takesCommandLinesInsideFencesOnly() {
        String doc = """
                Run `./micros boot --kernel x` or:
                ./micros outside --a-fence
                ```
                $ ./micros boot --kernel 'a b.elf'
                micros: long mode
                ./micros boot --max-insns 10   # exits 1: the budget ends it
                gdb kernel/target/micros.elf
                ./micros run-method --classes c M.m 1 \\
                    --compare
                ```
                """;
        List<DocCommand> commands = FencedCommands.in("doc.md", doc);
        assertEquals(List.of(
                new DocCommand("doc.md:4", List.of("boot", "--kernel", "a b.elf"), 0),
                new DocCommand("doc.md:6", List.of("boot", "--max-insns", "10"), 1),
                new DocCommand("doc.md:8", List.of("run-method", "--classes", "c", "M.m", "1", "--compare"), 0)), commands);
    }

    @Test
    void notTheCommandsOfOutputBlocks() {
        String doc = "```output\n./micros boot --max-insns 10\nx\n```\n```\n./micros boot\n```\n";
        assertEquals(List.of(new DocCommand("doc.md:6", List.of("boot"), 0)), FencedCommands.in("doc.md", doc));
    }

    @Test
    void spansOutsideFences() {
        String doc = "a `Machine` and `x`\n```\n`NotThis`\n```\n`That`\n";
        assertEquals(List.of(new CodeSpans.Span("d:1", "Machine"), new CodeSpans.Span("d:1", "x"), new CodeSpans.Span("d:5", "That")),
                CodeSpans.in("d", doc));
    }

    @Test
    void longWorkIsTheExplicitRule() {
        assertEquals(true, LongWork.isLong(List.of("test")));
        assertEquals(true, LongWork.isLong(List.of("boot", "--campaign", "3")));
        assertEquals(true, LongWork.isLong(List.of("qemu", "--uefi")));
        assertEquals(false, LongWork.isLong(List.of("qemu", "--timeout", "20")));
        assertEquals(false, LongWork.isLong(List.of("boot", "--kernel", "k.elf")));
    }
}
