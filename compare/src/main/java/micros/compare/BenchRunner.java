package micros.compare;

import micros.bench.machine.BootException;
import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Boots a kernel in the bench, as {@code micros boot} does, and reports its COM1 text and how it stopped: the
 * bench always has the isa-debug-exit port, so a kernel told so on its command line ends with its status.
 */
final class BenchRunner {
    private BenchRunner() {}

    /** The bench's RAM, which QEMU is given too: the memory map is part of what a kernel sees. */
    static long ram() { return MachineConfig.defaults().ram(); }

    static Run run(BootSpec spec) {
        long t0 = System.nanoTime();
        ByteArrayOutputStream com1 = new ByteArrayOutputStream();
        Ending ending;
        try (Machine m = Machine.boot(spec.kernel().toString(), read(spec.kernel()), config(spec))) {
            m.serial().onOutput(com1::write);
            StopReason why = m.run(spec.maxInstructions());
            ending = ending(why, com1.toString(StandardCharsets.ISO_8859_1));
        } catch (BootException e) {
            ending = new Ending(Ending.Kind.FAILED, "the bench refused it: " + e.getMessage());
        }
        return new Run(com1.toString(StandardCharsets.ISO_8859_1), ending, (System.nanoTime() - t0) / 1e9);
    }

    /** How the bench's stop reads as an ending; {@code com1} names an exit status. */
    static Ending ending(StopReason why, String com1) {
        return switch (why) {
            case StopReason.DebugExit e -> Ending.exitStatus(e.status(), com1);
            case StopReason.Halted h -> new Ending(Ending.Kind.HALTED, "");
            case StopReason.TripleFault t -> new Ending(Ending.Kind.RESET, "vectors " + t.vectors() + ": " + t.why());
            case StopReason.BudgetExhausted b -> new Ending(Ending.Kind.RUNNING, why.toString());
            case StopReason.Idle i -> new Ending(Ending.Kind.IDLE, why.toString());
            default -> new Ending(Ending.Kind.FAILED, why.toString());
        };
    }

    private static MachineConfig config(BootSpec spec) {
        List<BootModule> modules = new ArrayList<>();
        for (BootSpec.Module m : spec.modules()) modules.add(new BootModule(m.file().toString(), read(m.file()), m.string()));
        return MachineConfig.defaults().withCmdline(spec.cmdline()).withModules(modules).withCpu(spec.cpu());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
