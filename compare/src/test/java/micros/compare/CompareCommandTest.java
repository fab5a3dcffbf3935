package micros.compare;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CompareCommandTest {
    static final String KERNEL = "../fixtures/target/hello.elf";

    static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> CompareCommand.parse(args)).getMessage();
    }

    @Test
    void optionsBecomeABootSpec() {
        BootSpec s = CompareCommand.parse(new String[] {"--kernel", KERNEL, "--module", KERNEL + ":memory_manager", "--cpu", "epyc-rome", "--max-insns", "1_000", "--timeout", "3"});
        assertEquals(new BootSpec(Path.of(KERNEL), List.of(new BootSpec.Module(Path.of(KERNEL), "memory_manager")), micros.bench.machine.CpuModel.EPYC_ROME, 1000, 3), s);
        assertEquals(new BootSpec.Module(Path.of("a/mm.elf"), "mm.elf"), BootSpec.Module.parse("a/mm.elf"), "the string defaults to the file's name");
        assertEquals(micros.bench.machine.CpuModel.QEMU64, CompareCommand.parse(new String[] {"--kernel", KERNEL}).cpu());
    }

    @Test
    void badCommandLinesAreOneLineErrors() {
        assertEquals("--kernel FILE is required", error());
        assertEquals("--kernel nowhere.elf: no such file", error("--kernel", "nowhere.elf"));
        assertEquals("--module nowhere.elf: no such file", error("--kernel", KERNEL, "--module", "nowhere.elf:mm"));
        assertEquals("--max-insns lots: not a whole number", error("--kernel", KERNEL, "--max-insns", "lots"));
        assertEquals("--timeout 0: must be at least 1", error("--kernel", KERNEL, "--timeout", "0"));
        assertEquals("--cpu needs a value", error("--kernel", KERNEL, "--cpu"));
        assertEquals("unknown option '--kvm'", error("--kernel", KERNEL, "--kvm"));
        assertEquals("--cpu pentium9: no CPU model 'pentium9' (--cpu help lists them)", error("--kernel", KERNEL, "--cpu", "pentium9"));
    }
}
