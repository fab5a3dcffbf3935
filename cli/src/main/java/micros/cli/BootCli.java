package micros.cli;

import micros.bench.cli.BootCommand;
import micros.bench.machine.MachineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./micros boot}: the front end of emu-bench's {@link BootCommand}. */
@Command(name = "boot", description = "Boot a multiboot2 kernel in the Unicorn bench: COM1 on stdout, then a summary of how the run ended.",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE + " (the kernel halted, the system idles, --until reached, or the kernel's exit status 0)",
                "1:the run failed (a fault, a triple fault, the budget exhausted, an exit status other than 0, an unreadable file)",
                ExitStatus.USAGE_LINE})
final class BootCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin MachineArgs machine;
    @Option(names = "--trace", paramLabel = "FILE", description = "write every instruction executed to FILE")
    Path trace;
    @Option(names = "--until", paramLabel = "SYMBOL", description = "stop when the kernel reaches SYMBOL")
    String until;
    @Option(names = "--fb-png", paramLabel = "FILE", description = "at the end, the framebuffer as a PNG")
    Path fbPng;

    @Override public Integer call() {
        Io io = Io.of(spec);
        if (machine.cpu.cpu.listed(io.out())) return ExitStatus.OK;
        return BootCommand.run(machine.options(trace, until, fbPng), io.out(), io.err());
    }

    /** The machine options boot, step and gdb share. */
    static final class MachineArgs {
        @Mixin KernelOptions kernel;
        @Mixin MemoryOption memory;
        @Mixin CpuOption cpu;
        @Mixin MaxInsnsOption maxInsns;
        @Option(names = "--cmdline", paramLabel = "STRING", description = "the kernel's command line (default: empty)")
        String cmdline = "";
        @Option(names = "--apic-tick", paramLabel = "N", converter = Sizes.Count.class,
                description = "instructions per APIC timer tick (default: ${DEFAULT-VALUE})")
        long apicTick = MachineConfig.DEFAULT_INSTRUCTIONS_PER_APIC_TICK;

        BootCommand.Options options(Path trace, String until, Path fbPng) {
            return new BootCommand.Options(kernel.kernel, kernel.moduleTexts(), memory.bytes, maxInsns.count, cmdline, trace, until, fbPng,
                    apicTick, cpu.cpu.model());
        }
    }
}
