package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a release folder against itself, not against today's sources: SHA256SUMS, the certificate's
 * two forms, the loader's signature (sbverify with micros.crt), every detached signature (gpgv with
 * micros.gpg) and the build record's list of the files inside the ISO.
 */
public final class ReleaseCheck {
    public static final String ISO = "micros-amd64.iso", CERT = "micros.crt", CER = "micros.cer", PGP = "micros.gpg", SUMS = "SHA256SUMS";
    static final List<String> FILES = List.of(ISO, CERT, CER, PGP, BuildRecord.FILE);

    private ReleaseCheck() {}

    /** Returns what was checked, one line each; throws naming the first thing that is wrong. */
    public static List<String> verify(Path dir) {
        List<String> done = new ArrayList<>();
        try {
            for (String f : FILES) if (!Files.isRegularFile(dir.resolve(f))) throw new ReleaseException(dir.resolve(f) + ": missing from the release");
            List<String> sums = Files.readAllLines(dir.resolve(SUMS));
            for (String f : FILES) {
                String want = IsoContents.sha256(dir.resolve(f)) + "  " + f;
                if (!sums.contains(want)) throw new ReleaseException(dir.resolve(SUMS) + ": no line '" + want + "'");
            }
            done.add(SUMS + " matches " + String.join(", ", FILES));
            Path work = Files.createTempDirectory("micros-release-check");
            try {
                Path der = work.resolve("crt.der");
                Tools.run("openssl", "x509", "-in", dir.resolve(CERT).toString(), "-outform", "DER", "-out", der.toString());
                if (Files.mismatch(der, dir.resolve(CER)) != -1) throw new ReleaseException(dir.resolve(CER) + ": not the DER form of " + CERT);
                done.add(CER + " is " + CERT + " in DER");
                IsoContents.Extracted x = IsoContents.extract(dir.resolve(ISO), Files.createDirectories(work.resolve("x")));
                SecureBootSigner.verify(x.loader(), dir.resolve(CERT));
                done.add("sbverify --cert " + CERT + ": the ISO's loader is signed by it");
                Map<String, String> inside = IsoContents.files(x);
                for (Map.Entry<String, String> e : inside.entrySet()) {
                    if (!e.getKey().endsWith(".sig")) continue;
                    String signed = e.getKey().substring(0, e.getKey().length() - 4);
                    try {
                        Tools.run("gpgv", "--keyring", dir.resolve(PGP).toAbsolutePath().toString(),
                                x.files().resolve(e.getKey()).toString(), x.files().resolve(signed).toString());
                    } catch (ReleaseException bad) {
                        throw new ReleaseException(dir.resolve(ISO) + ": " + signed + " has no good signature by " + PGP);
                    }
                    done.add("gpgv: " + signed + " signed by " + PGP);
                }
                Map<String, String> recorded = BuildRecord.files(Files.readString(dir.resolve(BuildRecord.FILE)));
                List<String> differing = Reproducibility.differing(recorded, inside);
                if (!differing.isEmpty()) throw new ReleaseException(dir.resolve(BuildRecord.FILE) + ": differs from the ISO in " + String.join(", ", differing));
                done.add(BuildRecord.FILE + " lists the " + inside.size() + " files inside the ISO with their SHA-256");
            } finally {
                Tools.deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return done;
    }
}
