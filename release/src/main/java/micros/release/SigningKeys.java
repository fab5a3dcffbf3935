package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an ISO is signed with: the db key and certificate (PEM) for the UEFI loader, and an OpenPGP home
 * and key id for the files GRUB loads.
 */
public record SigningKeys(Path dbKey, Path dbCert, Path gpgHome, String gpgKey) {
    /** Command-line options and the environment variables that stand for them. */
    public static final Map<String, String> OPTIONS = Map.of(
            "--db-key", "MICROS_DB_KEY", "--db-cert", "MICROS_DB_CERT", "--gpg-home", "MICROS_GPG_HOME", "--gpg-key", "MICROS_GPG_KEY");

    /**
     * The keys named by {@code options} (an option wins over its environment variable), or {@code fallback}
     * when none is named; naming some but not all is an error that lists the missing ones.
     */
    public static SigningKeys from(Map<String, String> options, Map<String, String> env, Supplier<SigningKeys> fallback) {
        Map<String, String> v = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String opt : List.of("--db-key", "--db-cert", "--gpg-home", "--gpg-key")) {
            String value = options.getOrDefault(opt, env.get(OPTIONS.get(opt)));
            if (value == null || value.isEmpty()) missing.add(opt + " (or " + OPTIONS.get(opt) + ")");
            else v.put(opt, value);
        }
        if (v.isEmpty()) return fallback.get();
        if (!missing.isEmpty()) throw new ReleaseException("signing keys: missing " + String.join(", ", missing));
        return new SigningKeys(Path.of(v.get("--db-key")), Path.of(v.get("--db-cert")), Path.of(v.get("--gpg-home")), v.get("--gpg-key")).checked();
    }

    /** These keys, once their files are there and the OpenPGP key is one GRUB can check. */
    public SigningKeys checked() {
        if (!Files.isRegularFile(dbKey)) throw new ReleaseException(dbKey + ": db key not found");
        if (!Files.isRegularFile(dbCert)) throw new ReleaseException(dbCert + ": db certificate not found");
        try {
            if (!Files.readString(dbCert, java.nio.charset.StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----"))
                throw new ReleaseException(dbCert + ": not a PEM certificate (sbsign needs PEM; convert a DER .cer with openssl x509 -inform DER -in CER -out CERT.pem)");
        } catch (IOException e) {
            throw new ReleaseException(dbCert + ": not readable (" + e.getMessage() + ")");
        }
        OpenPgp.fingerprint(gpgHome, gpgKey);
        return this;
    }
}
