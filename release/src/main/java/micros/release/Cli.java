package micros.release;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The release commands' argument parsing and their one-line failures. */
final class Cli {
    /** Parsed arguments: options with values (a repeated option keeps every value), flags, and the rest. */
    record Args(Map<String, List<String>> values, Set<String> flags, List<String> positional) {
        String value(String option) {
            List<String> v = values.get(option);
            return v == null ? null : v.getLast();
        }

        List<String> all(String option) { return values.getOrDefault(option, List.of()); }

        boolean has(String flag) { return flags.contains(flag); }

        /** The single-valued options as a map, for {@link SigningKeys#from}. */
        Map<String, String> last() {
            Map<String, String> m = new HashMap<>();
            values.forEach((k, v) -> m.put(k, v.getLast()));
            return m;
        }
    }

    private Cli() {}

    static Args parse(String[] args, Set<String> valued, Set<String> flags) {
        Map<String, List<String>> values = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (valued.contains(a)) {
                if (i + 1 >= args.length) throw new ReleaseException("option " + a + " needs a value");
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else if (flags.contains(a)) {
                seen.add(a);
            } else if (a.startsWith("--")) {
                throw new ReleaseException("unknown option '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        return new Args(values, seen, positional);
    }

    /** A command's main: the body's failures end in one line on stderr and exit status 1 (2 for usage). */
    static void main(String name, String usage, Body body) {
        try {
            body.run();
        } catch (ReleaseException | UncheckedIOException e) {
            System.err.println("micros " + name + ": " + e.getMessage());
            boolean usageError = e.getMessage().startsWith("unknown option") || e.getMessage().startsWith("option ") || e.getMessage().startsWith("usage");
            if (usageError) System.err.println(usage);
            System.exit(usageError ? 2 : 1);
        } catch (Exception e) {
            System.err.println("micros " + name + ": " + e);
            System.exit(1);
        }
    }

    interface Body {
        void run() throws Exception;
    }
}
