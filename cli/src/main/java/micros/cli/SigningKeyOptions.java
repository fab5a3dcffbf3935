package micros.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The keys an ISO is signed with; each falls back to its MICROS_* variable, all four to the development keys. */
final class SigningKeyOptions {
    @Option(names = "--db-key", paramLabel = "KEY.pem", description = "the db private key that signs the UEFI loader (or MICROS_DB_KEY)")
    Path dbKey;
    @Option(names = "--db-cert", paramLabel = "CERT.pem", description = "its certificate (or MICROS_DB_CERT)")
    Path dbCert;
    @Option(names = "--gpg-home", paramLabel = "DIR", description = "the OpenPGP home that signs what GRUB loads (or MICROS_GPG_HOME)")
    Path gpgHome;
    @Option(names = "--gpg-key", paramLabel = "ID", description = "the OpenPGP key in it (or MICROS_GPG_KEY)")
    String gpgKey;

    /** The options given, by name, as release's SigningKeys takes them. */
    Map<String, String> given() {
        Map<String, String> m = new HashMap<>();
        if (dbKey != null) m.put("--db-key", dbKey.toString());
        if (dbCert != null) m.put("--db-cert", dbCert.toString());
        if (gpgHome != null) m.put("--gpg-home", gpgHome.toString());
        if (gpgKey != null) m.put("--gpg-key", gpgKey);
        return m;
    }
}
