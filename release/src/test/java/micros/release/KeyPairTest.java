package micros.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyPairTest {
    /** Every form describes the one certificate: DER, the signature list's entry, the .auth append to db. */
    @Test
    void everyFormHoldsTheSameCertificate() throws IOException {
        KeyPair k = TestIsos.own();
        byte[] der = Files.readAllBytes(k.dbCer());
        Path fromPem = Files.createTempFile("db", ".der");
        Tools.run("openssl", "x509", "-in", k.dbCert().toString(), "-outform", "DER", "-out", fromPem.toString());
        assertArrayEquals(der, Files.readAllBytes(fromPem));
        Files.delete(fromPem);
        VarStore.Variable esl = new VarStore.Variable("db", VarStore.IMAGE_SECURITY_DATABASE, Files.readAllBytes(k.dbEsl()), true);
        assertArrayEquals(der, esl.certificates().getFirst());
        byte[] auth = Files.readAllBytes(k.dbAuth());
        byte[] eslBytes = Files.readAllBytes(k.dbEsl());
        assertArrayEquals(eslBytes, java.util.Arrays.copyOfRange(auth, auth.length - eslBytes.length, auth.length), "the .auth ends in the list it signs");
        assertTrue(Files.readString(k.dbCert()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(40, OpenPgp.fingerprint(k.gpgHome(), KeyPair.GPG_EMAIL).length());
    }

    @Test
    void aFolderThatHoldsKeysIsNotOverwritten() {
        KeyPair k = TestIsos.own();
        ReleaseException e = assertThrows(ReleaseException.class, () -> KeyPair.create(k.dir(), "x"));
        assertEquals(k.dir() + ": already holds keys; choose an empty folder", e.getMessage());
        assertEquals(k, KeyPair.createdOnce(k.dir(), "x"));
    }

    @Test
    void keysAreTakenFromOptionsOverTheEnvironmentAndNamingSomeIsAnError(@TempDir Path dir) {
        KeyPair k = TestIsos.own();
        SigningKeys fallback = new SigningKeys(dir, dir, dir, "none");
        assertSame(fallback, SigningKeys.from(Map.of(), Map.of(), () -> fallback));
        Map<String, String> env = new HashMap<>(Map.of("MICROS_DB_KEY", k.dbKey().toString(), "MICROS_DB_CERT", "/nonexistent.crt",
                "MICROS_GPG_HOME", k.gpgHome().toString(), "MICROS_GPG_KEY", KeyPair.GPG_EMAIL));
        SigningKeys s = SigningKeys.from(Map.of("--db-cert", k.dbCert().toString()), env, () -> fallback);
        assertEquals(k.signingKeys(), s);
        ReleaseException e = assertThrows(ReleaseException.class, () -> SigningKeys.from(Map.of("--db-key", "k.pem"), Map.of(), () -> fallback));
        assertEquals("signing keys: missing --db-cert (or MICROS_DB_CERT), --gpg-home (or MICROS_GPG_HOME), --gpg-key (or MICROS_GPG_KEY)", e.getMessage());
        e = assertThrows(ReleaseException.class, () -> SigningKeys.from(Map.of(), env, () -> fallback));
        assertEquals("/nonexistent.crt: db certificate not found", e.getMessage());
        e = assertThrows(ReleaseException.class, () -> new SigningKeys(k.dbKey(), k.dbCer(), k.gpgHome(), KeyPair.GPG_EMAIL).checked());
        assertTrue(e.getMessage().startsWith(k.dbCer() + ": not a PEM certificate"), e.getMessage());
        e = assertThrows(ReleaseException.class, () -> new SigningKeys(k.dbKey(), k.dbCert(), k.gpgHome(), "nobody@nowhere.invalid").checked());
        assertEquals(k.gpgHome() + ": no OpenPGP key 'nobody@nowhere.invalid'", e.getMessage());
    }
}
