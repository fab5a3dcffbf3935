package micros.cli;

import micros.compare.BootSpec;
import micros.compare.CompareCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros compare}: the front end of compare's {@link CompareCommand}. */
@Command(name = "compare", description = "Boot a kernel in the bench and in QEMU (GRUB ISO, TCG) and diff their COM1 output line by line.",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the two agree (known QEMU deviations aside)", "1:they differ (the differences are printed), or a machine could not run",
                ExitStatus.USAGE_LINE})
final class CompareCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KernelOptions kernel;
    @Mixin CpuOption cpu;
    @Mixin MaxInsnsOption maxInsns;
    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Sizes.Count.class, description = "QEMU's time limit (default: 10)")
    long timeout = (long) CompareCommand.DEFAULT_TIMEOUT_SECONDS;

    @Override public Integer call() {
        Io io = Io.of(spec);
        if (cpu.cpu.listed(io.out())) return ExitStatus.OK;
        if (kernel.kernel == null) throw new ParameterException(spec.commandLine(), "--kernel FILE is required");
        return CompareCommand.run(spec(), io.out());
    }

    BootSpec spec() {
        return new BootSpec(kernel.kernel, kernel.modules.stream().map(m -> new BootSpec.Module(m.file(), m.string())).toList(),
                cpu.cpu.model(), maxInsns.count, timeout);
    }
}
