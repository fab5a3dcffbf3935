package micros.compare;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ./micros compare}: boots one kernel in the bench and in QEMU and diffs their COM1 output line by line.
 * Exit status 0 when they agree (known QEMU deviations aside), 1 with the differences.
 */
public final class CompareCommand {
    public static final long DEFAULT_MAX_INSTRUCTIONS = 200_000_000L;
    public static final double DEFAULT_TIMEOUT_SECONDS = 10;
    /** Where the ISOs QEMU boots are kept, relative to the project (the launcher runs from there). */
    static final Path ISO_CACHE = Path.of("compare/target/iso-cache");

    private CompareCommand() {}

    public static int run(BootSpec spec, PrintStream out) {
        Comparison c = new Oracle(ISO_CACHE).compare(spec);
        out.print(ComparisonReport.text(spec.kernel().toString(), spec, c));
        return c.agrees() ? 0 : 1;
    }
}
