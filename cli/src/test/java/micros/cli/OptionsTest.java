package micros.cli;

import micros.bench.cli.BootCommand;
import micros.bench.machine.CpuModel;
import micros.compare.BootSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared options become what each module's command takes: sizes, counts, modules and their strings, defaults. */
class OptionsTest {
    static final String KERNEL = "../fixtures/target/hello.elf";

    @SuppressWarnings("unchecked")
    static <T> T parsed(Class<T> command, String... args) {
        CommandLine root = Micros.commandLine(new Io(new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream())));
        CommandLine.ParseResult r = root.parseArgs(args);
        return (T) r.subcommand().commandSpec().userObject();
    }

    @Test
    void bootOptions() {
        BootCommand.Options o = parsed(BootCli.class, "boot", "--kernel", KERNEL, "--module", KERNEL, "--module", KERNEL + ":memory_manager",
                "--memory", "4G", "--max-insns", "1_000k", "--cpu", "EPYC-Rome", "--cmdline", "exit=isa-debug").machine.options(null, null, null);
        assertEquals(Path.of(KERNEL), o.kernel());
        assertEquals(List.of(KERNEL + ":hello.elf", KERNEL + ":memory_manager"), o.modules(), "the string defaults to the file's name");
        assertEquals(4L << 30, o.memory());
        assertEquals(1_000_000, o.maxInsns());
        assertEquals(CpuModel.EPYC_ROME, o.cpu());
        assertEquals("exit=isa-debug", o.cmdline());
    }

    @Test
    void bootDefaultsToTheKernelWithTheMemoryManager() {
        BootCommand.Options o = parsed(BootCli.class, "boot").machine.options(null, null, null);
        assertEquals(BootCommand.DEFAULT_KERNEL, o.kernel());
        assertEquals(List.of(BootCommand.DEFAULT_MODULE), o.modules());
        assertEquals(128L << 20, o.memory());
        assertEquals(BootCommand.DEFAULT_BUDGET, o.maxInsns());
        assertEquals(CpuModel.QEMU64, o.cpu());
    }

    @Test
    void compareOptionsBecomeABootSpec() {
        BootSpec s = parsed(CompareCli.class, "compare", "--kernel", KERNEL, "--module", KERNEL + ":memory_manager", "--cpu", "epyc-rome",
                "--max-insns", "1_000", "--timeout", "3").spec();
        assertEquals(new BootSpec(Path.of(KERNEL), List.of(new BootSpec.Module(Path.of(KERNEL), "memory_manager")), CpuModel.EPYC_ROME, 1000, 3), s);
        assertEquals(CpuModel.QEMU64, parsed(CompareCli.class, "compare", "--kernel", KERNEL).spec().cpu());
    }

    @Test
    void runMethodArgumentsAreDecimalOrHex() {
        RunMethodCli c = parsed(RunMethodCli.class, "run-method", "--classes", ".", "A.b", "5", "-3", "0x10", "0xffffffffffffffff", "-0x2");
        assertEquals(List.of(5L, -3L, 16L, -1L, -2L), c.args);
    }
}
