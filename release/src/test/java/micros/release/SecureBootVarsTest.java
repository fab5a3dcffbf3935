package micros.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecureBootVarsTest {
    @Test
    void theStoreHoldsTheCertificateAsPkKekAndDbWhereTheFirmwareLooks(@TempDir Path dir) throws IOException {
        Path vars = SecureBootVars.make(TestIsos.own().dbCert(), dir.resolve("vars.fd"));
        VarStore store = VarStore.parse(Files.readAllBytes(vars));
        byte[] der = Files.readAllBytes(TestIsos.own().dbCer());
        for (String[] v : new String[][] {{"PK", "g"}, {"KEK", "g"}, {"db", "d"}}) {
            var variable = store.live(v[0], v[1].equals("g") ? VarStore.GLOBAL : VarStore.IMAGE_SECURITY_DATABASE);
            assertEquals(1, variable.certificates().size(), v[0]);
            assertArrayEquals(der, variable.certificates().getFirst(), v[0]);
        }
        assertEquals(Files.size(SecureBootVars.EMPTY), Files.size(vars));
    }

    /** Debian's snakeoil store, read by the same parser: PK, KEK and db hold the one snakeoil certificate. */
    @Test
    void theParserReadsDebiansEnrolledStore() throws IOException {
        VarStore store = VarStore.parse(Files.readAllBytes(Path.of("/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd")));
        var db = store.live("db", VarStore.IMAGE_SECURITY_DATABASE);
        assertEquals(1, db.certificates().size());
        String subject = Tools.run(java.util.List.of("openssl", "x509", "-inform", "DER", "-noout", "-subject", "-in",
                write(db.certificates().getFirst())));
        assertTrue(subject.contains("Snake Oil") || subject.contains("snakeoil") || subject.contains("SnakeOil"), subject);
        assertNull(VarStore.parse(Files.readAllBytes(SecureBootVars.EMPTY)).live("PK", VarStore.GLOBAL));
    }

    /** flash-var -g sets the vendor GUID: PK lands where the firmware never looks, and the check says so. */
    @Test
    void aStoreWrittenWithTheEfitoolsTrapIsRefused(@TempDir Path dir) throws IOException {
        Path vars = Files.copy(SecureBootVars.EMPTY, dir.resolve("trap.fd"));
        for (String v : new String[] {"PK", "KEK", "db"})
            Tools.run("flash-var", "-g", KeyPair.OWNER_GUID, vars.toString(), v, TestIsos.own().dbEsl().toString());
        ReleaseException e = assertThrows(ReleaseException.class,
                () -> SecureBootVars.check(Files.readAllBytes(vars), Files.readAllBytes(TestIsos.own().dbCer()), vars));
        assertEquals(vars + ": no PK under its EFI vendor GUID; Secure Boot would be off", e.getMessage());
    }

    @Test
    void aFileThatIsNoStoreIsNamed() {
        ReleaseException e = assertThrows(ReleaseException.class, () -> VarStore.parse(new byte[4096]));
        assertEquals("variable store: no firmware volume header (_FVH)", e.getMessage());
    }

    private static String write(byte[] der) throws IOException {
        Path f = Files.createTempFile("cert", ".der");
        Files.write(f, der);
        f.toFile().deleteOnExit();
        return f.toString();
    }
}
