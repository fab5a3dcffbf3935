package micros.release;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code ./micros keys new DIR [--name CN]}: a db key and certificate in every form, and an OpenPGP signing key. */
public final class KeysCommand {
    public static final String DEFAULT_NAME = "micros Secure Boot db key";

    private KeysCommand() {}

    public static int create(Path dir, String name, PrintStream out) {
        KeyPair k = KeyPair.create(dir, name);
        out.println("""
                micros keys: made %s
                  db.key   private key, keep it secret          db.crt  certificate (PEM: sbsign, sbverify)
                  db.cer   certificate (DER: enroll it in the firmware's db)
                  db.esl   EFI signature list                   db.auth signed db append (KeyTool, efi-updatevar)
                  gnupg/   OpenPGP home, key %s (boot.gpg: its public half)
                sign with: ./micros iso --db-key %s --db-cert %s --gpg-home %s --gpg-key %s"""
                .formatted(k.dir(), OpenPgp.fingerprint(k.gpgHome(), KeyPair.GPG_EMAIL),
                        k.dbKey(), k.dbCert(), k.gpgHome(), KeyPair.GPG_EMAIL));
        return 0;
    }
}
