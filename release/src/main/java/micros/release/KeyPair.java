package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signing identity in every form a release and a user need, made by {@link #create}:
 * <pre>
 *   db.key   PEM private key (sbsign --key)          db.crt   PEM X.509 certificate (sbsign/sbverify --cert)
 *   db.cer   DER certificate: what firmware setup menus ("enroll db from file") and mokutil take
 *   db.esl   EFI signature list holding db.cer (efi-updatevar, KeyTool, OVMF variable stores)
 *   db.auth  db.esl as a time-based authenticated append to db, signed by this key as KEK (KeyTool, efi-updatevar)
 *   gnupg/   OpenPGP home with an RSA signing key; boot.gpg its public half, the key GRUB embeds
 * </pre>
 */
public record KeyPair(Path dir) {
    /** The SignatureOwner GUID of our signature list entries ("micros" "keys" in its bytes). */
    public static final String OWNER_GUID = "6d696372-6f73-4000-8000-6b6579730001";
    static final String GPG_EMAIL = "boot@micros.invalid";

    public Path dbKey() { return dir.resolve("db.key"); }
    public Path dbCert() { return dir.resolve("db.crt"); }
    public Path dbCer() { return dir.resolve("db.cer"); }
    public Path dbEsl() { return dir.resolve("db.esl"); }
    public Path dbAuth() { return dir.resolve("db.auth"); }
    public Path gpgHome() { return dir.resolve("gnupg"); }
    public Path gpgPublic() { return dir.resolve("boot.gpg"); }

    /** This pair as the keys an ISO is signed with. */
    public SigningKeys signingKeys() { return new SigningKeys(dbKey(), dbCert(), gpgHome(), GPG_EMAIL); }

    /** Makes a new pair in {@code dir}, which must not hold one; nothing is left behind on failure. */
    public static KeyPair create(Path dir, String commonName) {
        for (String[] t : new String[][] {{"openssl", "openssl"}, {"cert-to-efi-sig-list", "efitools"}, {"sign-efi-sig-list", "efitools"}})
            Tools.require(t[0], t[1]);
        KeyPair k = new KeyPair(dir);
        if (Files.exists(k.dbKey()) || Files.exists(k.gpgHome())) throw new ReleaseException(dir + ": already holds keys; choose an empty folder");
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path work = Files.createTempDirectory(dir.toAbsolutePath().getParent(), ".keys");
            try {
                KeyPair w = new KeyPair(work);
                Tools.run("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
                        "-subj", "/CN=" + commonName + "/", "-addext", "extendedKeyUsage=codeSigning",
                        "-keyout", w.dbKey().toString(), "-out", w.dbCert().toString());
                Tools.run("openssl", "x509", "-in", w.dbCert().toString(), "-outform", "DER", "-out", w.dbCer().toString());
                // -g here is the owner of the entry (correct); flash-var's -g is something else, see SecureBootVars.
                Tools.run("cert-to-efi-sig-list", "-g", OWNER_GUID, w.dbCert().toString(), w.dbEsl().toString());
                Tools.run("sign-efi-sig-list", "-a", "-g", OWNER_GUID, "-k", w.dbKey().toString(), "-c", w.dbCert().toString(),
                        "db", w.dbEsl().toString(), w.dbAuth().toString());
                OpenPgp.generate(w.gpgHome(), commonName, GPG_EMAIL);
                OpenPgp.exportPublic(w.gpgHome(), GPG_EMAIL, w.gpgPublic());
                OpenPgp.stopAgent(w.gpgHome());   // its socket would move with the folder and answer for the old path
                if (Files.exists(dir)) {
                    try (var s = Files.list(work)) {
                        for (Path p : s.toList()) Files.move(p, dir.resolve(p.getFileName()));
                    }
                } else {
                    Files.move(work, dir);
                }
            } finally {
                Tools.deleteTree(work);
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The pair in {@code dir}, made there first if the folder holds none (the development keys). */
    public static KeyPair createdOnce(Path dir, String commonName) {
        KeyPair k = new KeyPair(dir);
        return Files.isRegularFile(k.dbKey()) && Files.isDirectory(k.gpgHome()) ? k : create(dir, commonName);
    }
}
