package micros.docs;

import java.util.List;
import java.util.Set;

/**
 * Which documented commands are too long (or too interactive) to run in a test; those are only checked to
 * parse. The rule is explicit so that a new long command is a decision, not an accident.
 */
public final class LongWork {
    /** Commands that always take long or wait for a person: the test suite, release builds, benchmarks,
     *  package installs, QEMU comparisons, the interactive console and the gdb server. */
    static final Set<String> ALWAYS = Set.of("test", "release", "bench", "setup", "compare", "step", "gdb");

    private LongWork() {}

    public static boolean isLong(List<String> args) {
        if (args.isEmpty()) return false;
        String command = args.getFirst();
        if (ALWAYS.contains(command) || args.contains("--campaign")) return true;
        return command.equals("qemu") && !args.contains("--timeout"); // a QEMU run not bounded by the doc itself
    }
}
