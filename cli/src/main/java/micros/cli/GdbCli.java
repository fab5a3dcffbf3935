package micros.cli;

import micros.bench.cli.GdbCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros gdb}: the front end of emu-bench's gdb server. */
@Command(name = "gdb", description = "A GDB remote serial protocol server on localhost for the emulated machine (in gdb: target remote :PORT).",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE + " (gdb detached or killed the machine)", "1:the machine did not boot or the port is taken", ExitStatus.USAGE_LINE})
final class GdbCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin BootCli.MachineArgs machine;
    @Option(names = "--port", paramLabel = "N", converter = Sizes.Port.class, description = "the TCP port (default: ${DEFAULT-VALUE}; 0: any free one)")
    int port = GdbCommand.DEFAULT_PORT;

    @Override public Integer call() throws Exception {
        Io io = Io.of(spec);
        if (machine.cpu.cpu.listed(io.out())) return ExitStatus.OK;
        return GdbCommand.run(machine.options(null, null, null), port, io.out(), io.err());
    }
}
