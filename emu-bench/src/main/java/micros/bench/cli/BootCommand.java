package micros.bench.cli;

import micros.bench.machine.BootException;
import micros.bench.machine.BootModule;
import micros.bench.machine.CpuModel;
import micros.bench.machine.CpuModelTable;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./micros boot}: boots a multiboot2 kernel in the bench, prints COM1 as it comes and a summary.
 */
public final class BootCommand {
    static final String USAGE = "usage: micros boot [--kernel FILE] [--module FILE[:STRING]]... [--memory SIZE] [--max-insns N] [--cmdline STRING]"
            + " [--trace FILE] [--until SYMBOL] [--fb-png FILE] [--apic-tick N] [--cpu MODEL|help]";
    static final long DEFAULT_BUDGET = 200_000_000L;
    /** What boots without --kernel and --module: our kernel and our memory manager, as the ISO has them. */
    static final Path DEFAULT_KERNEL = Path.of("kernel/target/micros.elf");
    static final String DEFAULT_MODULE = "memory-manager/target/memory_manager.elf:memory_manager";

    /** Parsed options; {@code cpu} null for {@code --cpu help}, which lists the models instead of booting. */
    record Options(Path kernel, List<String> modules, long memory, long maxInsns, String cmdline, Path trace, String until, Path fbPng,
                   long instructionsPerApicTick, CpuModel cpu) {
        /** For {@code --cpu help}: prints the models and says the command is done. */
        boolean listedCpuModels() {
            if (cpu != null) return false;
            System.out.print(CpuModelTable.text());
            return true;
        }
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("micros boot: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.listedCpuModels()) return;
        try (Machine m = Machine.boot(o.kernel().toString(), read(o.kernel(), "kernel"), config(o))) {
            for (String w : m.warnings()) System.err.println("micros boot: warning: " + w);
            m.serial().onOutput(b -> { System.out.write(b); if (b == '\n') System.out.flush(); });
            if (o.until() != null) {
                Long at = m.symbols().address(o.until());
                if (at == null) throw new BootException(o.kernel() + ": no symbol '" + o.until() + "'");
                m.stopAt(at, o.until());
            }
            java.io.OutputStream trace = o.trace() == null ? null : Files.newOutputStream(o.trace()); // the tracer buffers
            if (trace != null) m.trace(trace);
            StopReason why = m.run(o.maxInsns());
            if (trace != null) trace.close();
            if (o.fbPng() != null) m.writeFramebufferPng(o.fbPng());
            System.out.flush();
            for (String line : m.log()) System.err.println(line);
            String where = why instanceof StopReason.Idle ? "" : ", " + m.modeName() + ", CPL " + m.cpl(); // an idle stop names them itself
            System.out.printf("%n-- %,d instructions, %s%s, %.2f s%n", m.instructionsExecuted(), why, where, (System.nanoTime() - t0) / 1e9);
            // A halt, an idle system, a breakpoint reached and exit status 0 are the ends a user asks for: status 0.
            if (why instanceof StopReason.DebugExit x) {
                if (x.status() != 0) System.exit(1); // the kernel said why on COM1
            } else if (!(why instanceof StopReason.Halted || why instanceof StopReason.Idle || why instanceof StopReason.Breakpoint)) {
                if (!(why instanceof StopReason.UnhandledException || why instanceof StopReason.TripleFault)) System.out.println("stopped at " + m.describe(m.pc()));
                System.out.println(m.registers());
                System.exit(1);
            }
        } catch (BootException e) {
            System.err.println("micros boot: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("micros boot: " + e.getMessage());
            System.exit(1);
        }
    }

    static MachineConfig config(Options o) {
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

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BootException(file + ": no such " + what + " file");
        } catch (IOException e) {
            throw new BootException(file + ": cannot read " + what + ": " + e.getMessage());
        }
    }

    static Options parse(String[] args) {
        Path kernel = null;
        List<String> modules = new ArrayList<>();
        long memory = 128L << 20, maxInsns = DEFAULT_BUDGET;
        String cmdline = "";
        Path trace = null;
        String until = null;
        Path fbPng = null;
        long apicTick = MachineConfig.DEFAULT_INSTRUCTIONS_PER_APIC_TICK;
        CpuModel cpu = CpuModel.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--kernel" -> kernel = Path.of(value(args, ++i, a));
                case "--module" -> modules.add(value(args, ++i, a));
                case "--memory" -> memory = Sizes.parse(value(args, ++i, a), a);
                case "--max-insns" -> maxInsns = Sizes.parseCount(value(args, ++i, a), a);
                case "--cmdline" -> cmdline = value(args, ++i, a);
                case "--trace" -> trace = Path.of(value(args, ++i, a));
                case "--until" -> until = value(args, ++i, a);
                case "--fb-png" -> fbPng = Path.of(value(args, ++i, a));
                case "--apic-tick" -> apicTick = Sizes.parseCount(value(args, ++i, a), a);
                case "--cpu" -> { String v = value(args, ++i, a); cpu = v.equals("help") ? null : CpuModel.named(v); }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (apicTick < 1) throw new IllegalArgumentException("--apic-tick " + apicTick + ": instructions per APIC timer tick must be at least 1");
        if (kernel == null) {
            kernel = DEFAULT_KERNEL;
            if (modules.isEmpty()) modules.add(DEFAULT_MODULE);
        }
        return new Options(kernel, modules, memory, maxInsns, cmdline, trace, until, fbPng, apicTick, cpu);
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
