package micros.bench.cli;

import micros.bench.machine.BootException;
import micros.bench.machine.BootModule;
import micros.bench.machine.CpuModel;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./micros boot}: boots a multiboot2 kernel in the bench, prints COM1 as it comes and a summary.
 * The command line is parsed by the cli module; this is what the command does with it.
 */
public final class BootCommand {
    public static final long DEFAULT_BUDGET = 200_000_000L;
    public static final long DEFAULT_MEMORY = 128L << 20;
    /** What boots without --kernel and --module: our kernel and our memory manager, as the ISO has them. */
    public static final Path DEFAULT_KERNEL = Path.of("kernel/target/micros.elf");
    public static final String DEFAULT_MODULE = "memory-manager/target/memory_manager.elf:memory_manager";

    private BootCommand() {}

    /**
     * What to boot and how; {@code kernel} null means our kernel with, unless {@code modules} names some,
     * our memory manager. Modules are {@code FILE[:STRING]}, the string defaulting to the file's name.
     */
    public record Options(Path kernel, List<String> modules, long memory, long maxInsns, String cmdline, Path trace, String until, Path fbPng,
                          long instructionsPerApicTick, CpuModel cpu) {
        public Options {
            if (kernel == null) {
                kernel = DEFAULT_KERNEL;
                if (modules.isEmpty()) modules = List.of(DEFAULT_MODULE);
            }
            modules = List.copyOf(modules);
        }
    }

    /** Boots, runs and reports; the exit status: 0 for the ends a user asks for, 1 for a failed run. */
    public static int run(Options o, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        try (Machine m = Machine.boot(o.kernel().toString(), read(o.kernel(), "kernel"), config(o))) {
            for (String w : m.warnings()) err.println("micros boot: warning: " + w);
            m.serial().onOutput(b -> { out.write(b); if (b == '\n') out.flush(); });
            if (o.until() != null) {
                Long at = m.symbols().address(o.until());
                if (at == null) throw new BootException(o.kernel() + ": no symbol '" + o.until() + "'");
                m.stopAt(at, o.until());
            }
            OutputStream trace = o.trace() == null ? null : Files.newOutputStream(o.trace()); // the tracer buffers
            if (trace != null) m.trace(trace);
            StopReason why = m.run(o.maxInsns());
            if (trace != null) trace.close();
            if (o.fbPng() != null) m.writeFramebufferPng(o.fbPng());
            out.flush();
            for (String line : m.log()) err.println(line);
            String where = why instanceof StopReason.Idle ? "" : ", " + m.modeName() + ", CPL " + m.cpl(); // an idle stop names them itself
            out.printf("%n-- %,d instructions, %s%s, %.2f s%n", m.instructionsExecuted(), why, where, (System.nanoTime() - t0) / 1e9);
            // A halt, an idle system, a breakpoint reached and exit status 0 are the ends a user asks for: status 0.
            if (why instanceof StopReason.DebugExit x) {
                out.flush();
                return x.status() == 0 ? 0 : 1; // the kernel said why on COM1
            }
            if (!(why instanceof StopReason.Halted || why instanceof StopReason.Idle || why instanceof StopReason.Breakpoint)) {
                if (!(why instanceof StopReason.UnhandledException || why instanceof StopReason.TripleFault)) out.println("stopped at " + m.describe(m.pc()));
                out.println(m.registers());
                out.flush();
                return 1;
            }
            out.flush();
            return 0;
        } catch (BootException | IOException e) {
            out.flush();
            err.println("micros boot: " + e.getMessage());
            return 1;
        }
    }

    /** The machine the options describe: its RAM, command line, modules (read now), timer and CPU model. */
    public static MachineConfig config(Options o) {
        List<BootModule> modules = new ArrayList<>();
        for (String spec : o.modules()) {
            int colon = spec.indexOf(':');
            String file = colon < 0 ? spec : spec.substring(0, colon);
            String string = colon < 0 ? Path.of(file).getFileName().toString() : spec.substring(colon + 1);
            modules.add(new BootModule(file, read(Path.of(file), "module"), string));
        }
        return MachineConfig.defaults().withRam(o.memory()).withCmdline(o.cmdline()).withModules(modules)
                .withInstructionsPerApicTick(o.instructionsPerApicTick()).withCpu(o.cpu());
    }

    /** The options' machine, booted (stopped before the kernel's first instruction). */
    public static Machine boot(Options o) {
        return Machine.boot(o.kernel().toString(), read(o.kernel(), "kernel"), config(o));
    }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BootException(file + ": no such " + what + " file");
        } catch (IOException e) {
            throw new BootException(file + ": cannot read " + what + ": " + e.getMessage());
        }
    }
}
