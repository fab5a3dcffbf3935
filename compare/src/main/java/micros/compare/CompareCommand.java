package micros.compare;

import micros.bench.machine.CpuModel;
import micros.release.ReleaseException;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./micros compare}: boots one kernel in the bench and in QEMU and diffs their COM1 output line by line.
 * Exit status 0 when they agree (known QEMU deviations aside), 1 with the differences, 2 for a bad command line.
 */
public final class CompareCommand {
    static final String USAGE = "usage: micros compare --kernel FILE [--module FILE[:STRING]]... [--cpu MODEL] [--max-insns N] [--timeout SECONDS]";
    static final long DEFAULT_MAX_INSTRUCTIONS = 200_000_000L;
    static final double DEFAULT_TIMEOUT_SECONDS = 10;
    /** Where the ISOs QEMU boots are kept, relative to the project (the launcher runs from there). */
    static final Path ISO_CACHE = Path.of("compare/target/iso-cache");

    public static void main(String[] args) {
        BootSpec spec;
        try {
            spec = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("micros compare: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            Comparison c = new Oracle(ISO_CACHE).compare(spec);
            System.out.print(ComparisonReport.text(spec.kernel().toString(), spec, c));
            System.exit(c.agrees() ? 0 : 1);
        } catch (ReleaseException | IllegalStateException | UncheckedIOException e) {
            System.err.println("micros compare: " + e.getMessage());
            System.exit(1);
        }
    }

    static BootSpec parse(String[] args) {
        Path kernel = null;
        List<BootSpec.Module> modules = new ArrayList<>();
        CpuModel cpu = CpuModel.DEFAULT;
        long maxInsns = DEFAULT_MAX_INSTRUCTIONS;
        double timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--kernel" -> kernel = existing(value(args, ++i, a), a);
                case "--module" -> {
                    BootSpec.Module m = BootSpec.Module.parse(value(args, ++i, a));
                    existing(m.file().toString(), a);
                    modules.add(m);
                }
                case "--cpu" -> cpu = CpuModel.named(value(args, ++i, a));
                case "--max-insns" -> maxInsns = positive(value(args, ++i, a), a);
                case "--timeout" -> timeout = positive(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (kernel == null) throw new IllegalArgumentException("--kernel FILE is required");
        return new BootSpec(kernel, modules, cpu, maxInsns, timeout);
    }

    private static Path existing(String file, String option) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(option + " " + file + ": no such file");
        return p;
    }

    private static long positive(String text, String option) {
        try {
            long n = Long.parseLong(text.replace("_", ""));
            if (n < 1) throw new IllegalArgumentException(option + " " + text + ": must be at least 1");
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + ": not a whole number");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
