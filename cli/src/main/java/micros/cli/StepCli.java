package micros.cli;

import micros.bench.cli.StepCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros step}: the front end of emu-bench's debugger console. */
@Command(name = "step", description = "The interactive debugger console on the emulated machine, stopped before the kernel's first instruction ('help' lists its commands).",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE + " (the console was left with q, Ctrl-D or Ctrl-C)", "1:the machine did not boot", ExitStatus.USAGE_LINE})
final class StepCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BootCli.MachineArgs machine;

    @Override public Integer call() throws Exception {
        Io io = Io.of(spec);
        if (machine.cpu.cpu.listed(io.out())) return ExitStatus.OK;
        return StepCommand.run(machine.options(null, null, null), io.err());
    }
}
