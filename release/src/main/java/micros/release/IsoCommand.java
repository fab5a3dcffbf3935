package micros.release;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code ./micros iso}: builds the signed hybrid ISO of the kernel and its modules and prints its path.
 * Signed with the keys the options or MICROS_* variables name, else with the checkout's development keys.
 */
public final class IsoCommand {
    static final String USAGE = """
            usage: micros iso [--kernel FILE] [--module FILE[:STRING]]... [--out ISO] [--plain] [--check-reproducible]
                              [--db-key KEY.pem --db-cert CERT.pem --gpg-home DIR --gpg-key ID]""";
    static final Set<String> KEY_OPTIONS = SigningKeys.OPTIONS.keySet();

    public static void main(String[] args) {
        Cli.main("iso", USAGE, () -> {
            Cli.Args a = Cli.parse(args, union(Set.of("--kernel", "--module", "--out"), KEY_OPTIONS), Set.of("--plain", "--check-reproducible"));
            if (!a.positional().isEmpty()) throw new ReleaseException("unexpected argument '" + a.positional().getFirst() + "'");
            IsoBuilder.Spec spec = spec(a);
            if (a.has("--check-reproducible")) {
                Reproducibility.Result r = Reproducibility.check(spec, Path.of("release/target/reproducibility"));
                if (r.identical()) {
                    System.out.println("micros iso: reproducible: two builds are byte-identical (" + r.size() + " bytes)");
                    return;
                }
                System.out.println("micros iso: NOT reproducible: " + (r.differing().isEmpty()
                        ? "every file inside is identical; the ISO's own structures differ"
                        : "differing files: " + String.join(", ", r.differing())));
                System.exit(1);
            }
            Path out = a.value("--out") != null ? Path.of(a.value("--out")) : Project.ISO;
            System.out.println(IsoBuilder.build(spec, out).toAbsolutePath());
        });
    }

    /** The spec the options describe, signed unless --plain. */
    static IsoBuilder.Spec spec(Cli.Args a) {
        IsoBuilder.Spec spec = Project.spec(a);
        return a.has("--plain") ? spec : spec.signedWith(SigningKeys.from(a.last(), System.getenv(), () -> Project.developmentKeys().signingKeys()));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
