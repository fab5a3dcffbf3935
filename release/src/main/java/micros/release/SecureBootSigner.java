package micros.release;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Signs a UEFI loader for the db with sbsign, and checks the result with sbverify. sbsign stamps the
 * signing time from the clock and has no option for it, so it runs under faketime with the clock stopped
 * at the build's date ({@code -f} and an absolute date: without {@code -f} the clock runs on from it, and a
 * slow sbsign crosses a second): two builds then sign alike.
 */
final class SecureBootSigner {
    private static final DateTimeFormatter FAKETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SecureBootSigner() {}

    static void sign(Path unsigned, SigningKeys keys, SourceDate date, Path out) {
        Tools.require("sbsign", "sbsigntool");
        Tools.require("faketime", "faketime");
        String at = FAKETIME.format(date.instant());
        Tools.run(List.of("faketime", "-f", at, "sbsign", "--key", keys.dbKey().toString(), "--cert", keys.dbCert().toString(),
                "--output", out.toString(), unsigned.toString()), Map.of("TZ", "UTC"));
        verify(out, keys.dbCert());
    }

    /** sbverify's check that {@code loader} carries a good signature by {@code cert} (PEM). */
    static void verify(Path loader, Path cert) {
        Tools.require("sbverify", "sbsigntool");
        try {
            Tools.run("sbverify", "--cert", cert.toString(), loader.toString());
        } catch (ReleaseException e) {
            throw new ReleaseException(loader + ": no good signature by " + cert + " (" + e.getMessage() + ")");
        }
    }
}
