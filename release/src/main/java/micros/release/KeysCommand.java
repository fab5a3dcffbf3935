package micros.release;

import java.nio.file.Path;
import java.util.Set;

/** {@code ./micros keys new DIR [--name CN]}: a db key and certificate in every form, and an OpenPGP signing key. */
public final class KeysCommand {
    static final String USAGE = "usage: micros keys new DIR [--name COMMON-NAME]";

    public static void main(String[] args) {
        Cli.main("keys", USAGE, () -> {
            Cli.Args a = Cli.parse(args, Set.of("--name"), Set.of());
            if (a.positional().size() != 2 || !a.positional().getFirst().equals("new")) throw new ReleaseException(USAGE);
            String name = a.value("--name") != null ? a.value("--name") : "micros Secure Boot db key";
            KeyPair k = KeyPair.create(Path.of(a.positional().get(1)), name);
            System.out.println("""
                    micros keys: made %s
                      db.key   private key, keep it secret          db.crt  certificate (PEM: sbsign, sbverify)
                      db.cer   certificate (DER: enroll it in the firmware's db)
                      db.esl   EFI signature list                   db.auth signed db append (KeyTool, efi-updatevar)
                      gnupg/   OpenPGP home, key %s (boot.gpg: its public half)
                    sign with: ./micros iso --db-key %s --db-cert %s --gpg-home %s --gpg-key %s"""
                    .formatted(k.dir(), OpenPgp.fingerprint(k.gpgHome(), KeyPair.GPG_EMAIL),
                            k.dbKey(), k.dbCert(), k.gpgHome(), KeyPair.GPG_EMAIL));
        });
    }
}
