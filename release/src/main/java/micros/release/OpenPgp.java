package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenPGP side of signing, through gpg: GRUB embeds the public key and refuses any file it loads
 * whose detached signature does not verify with it. GRUB 2.06 checks RSA and DSA signatures only.
 */
final class OpenPgp {
    private static final DateTimeFormatter GPG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private OpenPgp() {}

    private static List<String> gpg(Path home, String... args) {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--no-tty", "--homedir", home.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A new RSA signing key without a passphrase in a new home {@code home}; returns its fingerprint. */
    static String generate(Path home, String name, String email) {
        Tools.require("gpg", "gnupg");
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Path params = home.resolve("key-parameters");
            Files.writeString(params, """
                    %%no-protection
                    Key-Type: RSA
                    Key-Length: 3072
                    Key-Usage: sign
                    Name-Real: %s
                    Name-Email: %s
                    Expire-Date: 0
                    %%commit
                    """.formatted(name, email));
            try {
                Tools.run(gpg(home, "--gen-key", params.toString()));
            } finally {
                Files.deleteIfExists(params);
                stopAgent(home);
            }
            return fingerprint(home, email);
        } catch (IOException e) {
            throw new UncheckedIOException(home + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprint of {@code key} in {@code home}, which must be an RSA or DSA key GRUB can check. */
    static String fingerprint(Path home, String key) { return inspect(home, key).fingerprint(); }

    /** A signing key as gpg lists it. */
    record Key(String fingerprint, Instant created) {}

    static Key inspect(Path home, String key) {
        if (!Files.isDirectory(home)) throw new ReleaseException(home + ": OpenPGP home not found");
        String listing;
        try {
            listing = Tools.run(gpg(home, "--with-colons", "--fixed-list-mode", "--list-keys", key));
        } catch (ReleaseException e) {
            throw new ReleaseException(home + ": no OpenPGP key '" + key + "'");
        }
        String algorithm = null;
        Instant created = null;
        for (String line : listing.lines().toList()) {
            String[] f = line.split(":", -1);
            if (f[0].equals("pub")) {
                algorithm = f[3];
                created = Instant.ofEpochSecond(Long.parseLong(f[5]));
            }
            if (f[0].equals("fpr") && algorithm != null) {
                if (!algorithm.equals("1") && !algorithm.equals("17"))
                    throw new ReleaseException(home + ": OpenPGP key '" + key + "' is not RSA or DSA (algorithm " + algorithm + "); GRUB 2.06 checks only those");
                return new Key(f[9], created);
            }
        }
        throw new ReleaseException(home + ": no OpenPGP key '" + key + "'");
    }

    /** The public key in the binary (not armored) form grub-mkimage --pubkey takes. */
    static void exportPublic(Path home, String key, Path out) {
        Tools.run(gpg(home, "--yes", "--output", out.toString(), "--export", key));
        try {
            if (Files.size(out) == 0) throw new ReleaseException(home + ": OpenPGP key '" + key + "' exported nothing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file}.sig, a detached signature dated {@code time} so that two builds sign alike
     * (or dated when the key was made, if that is later: gpg will not sign with a key from the future).
     */
    static Path detachSign(Path home, String key, Path file, Instant time) {
        Instant created = inspect(home, key).created();
        if (created.isAfter(time)) time = created;
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        Tools.run(gpg(home, "--yes", "--faked-system-time", GPG_TIME.format(time) + "!", "--digest-algo", "SHA256",
                "--local-user", key, "--detach-sign", "--output", sig.toString(), file.toString()));
        return sig;
    }

    /** gpg starts an agent per home; it is ended when the work is done, not left behind. */
    static void stopAgent(Path home) {
        try {
            Tools.run("gpgconf", "--homedir", home.toAbsolutePath().toString(), "--kill", "gpg-agent");
        } catch (ReleaseException e) {
            // no agent was running
        }
    }
}
