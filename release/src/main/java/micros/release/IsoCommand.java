package micros.release;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ./micros iso}: builds the signed hybrid ISO of the kernel and its modules and prints its path.
 * Signed with the keys the options or MICROS_* variables name, else with the checkout's development keys.
 */
public final class IsoCommand {
    private IsoCommand() {}

    /** Builds the ISO at {@code out} (null: release/target); 0, or 1 when it fails. */
    public static int build(IsoOptions o, Path out, PrintStream stdout) {
        stdout.println(IsoBuilder.build(o.spec(), out != null ? out : Project.ISO).toAbsolutePath());
        return 0;
    }

    /** Builds it twice and compares; 0 when the two are byte-identical, 1 naming what differs. */
    public static int checkReproducible(IsoOptions o, PrintStream stdout) {
        Reproducibility.Result r = Reproducibility.check(o.spec(), Path.of("release/target/reproducibility"));
        if (r.identical()) {
            stdout.println("micros iso: reproducible: two builds are byte-identical (" + r.size() + " bytes)");
            return 0;
        }
        stdout.println("micros iso: NOT reproducible: " + (r.differing().isEmpty()
                ? "every file inside is identical; the ISO's own structures differ"
                : "differing files: " + String.join(", ", r.differing())));
        return 1;
    }
}
