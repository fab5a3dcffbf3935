package micros.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsoBuilderTest {
    static final long SIZE_LIMIT = 2_400_000;

    @Test
    void missingKernelIsNamedAndNoIsoIsLeft(@TempDir Path dir) throws IOException {
        Path iso = dir.resolve("out.iso");
        ReleaseException e = assertThrows(ReleaseException.class, () -> IsoBuilder.build(dir.resolve("nope.elf"), List.of(), iso));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope.elf") + ": kernel not found"), e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing is left behind");
        }
    }

    @Test
    void moduleNamesAndStringsThatWouldChangeGrubCfgAreRefused(@TempDir Path dir) throws IOException {
        Path odd = Files.writeString(dir.resolve("a b.elf"), "x");
        ReleaseException e = assertThrows(ReleaseException.class,
                () -> IsoBuilder.build(TestIsos.KERNEL, List.of(new IsoBuilder.Module(odd, "m")), dir.resolve("o.iso")));
        assertTrue(e.getMessage().startsWith(odd + ": boot module name"), e.getMessage());
        Path ok = Files.writeString(dir.resolve("mm.elf"), "x");
        e = assertThrows(ReleaseException.class,
                () -> IsoBuilder.build(TestIsos.KERNEL, List.of(new IsoBuilder.Module(ok, "x; boot")), dir.resolve("o.iso")));
        assertTrue(e.getMessage().startsWith(ok + ": module string 'x; boot'"), e.getMessage());
        e = assertThrows(ReleaseException.class, () -> IsoBuilder.build(TestIsos.KERNEL,
                List.of(new IsoBuilder.Module(ok, "a"), new IsoBuilder.Module(ok, "b")), dir.resolve("o.iso")));
        assertTrue(e.getMessage().contains("a second boot file named 'mm.elf'"), e.getMessage());
    }

    /** Everything GRUB loads is signed, the loader verifies against the db certificate, the licenses are there. */
    @Test
    void theSignedIsoCarriesSignaturesLicensesAndASignedLoader(@TempDir Path dir) throws IOException {
        Path iso = TestIsos.build("contents", TestIsos.spec(), t -> {});
        assertTrue(Files.size(iso) < SIZE_LIMIT, "ISO size " + Files.size(iso));
        IsoContents.Extracted x = IsoContents.extract(iso, dir);
        Map<String, String> files = IsoContents.files(x);
        String module = "boot/" + TestIsos.module().getFileName();
        for (String f : List.of("boot/micros.elf", module, "boot/grub/grub.cfg"))
            assertTrue(files.containsKey(f) && files.containsKey(f + ".sig"), f + " and its signature in " + files.keySet());
        assertEquals(IsoContents.sha256(TestIsos.KERNEL), files.get("boot/micros.elf"));
        assertTrue(files.containsKey(IsoContents.LOADER), files.keySet().toString());
        SecureBootSigner.verify(x.loader(), TestIsos.own().dbCert());
        assertThrows(ReleaseException.class, () -> SecureBootSigner.verify(x.loader(), TestIsos.other().dbCert()));
        // the detached signatures verify with the public key GRUB embeds, and only for their own file
        Path keyring = TestIsos.own().gpgPublic();
        Tools.run("gpgv", "--keyring", keyring.toAbsolutePath().toString(), x.files().resolve("boot/micros.elf.sig").toString(),
                x.files().resolve("boot/micros.elf").toString());
        assertThrows(ReleaseException.class, () -> Tools.run("gpgv", "--keyring", keyring.toAbsolutePath().toString(),
                x.files().resolve("boot/micros.elf.sig").toString(), x.files().resolve(module).toString()));
        assertEquals(new String(IsoBuilder.class.getResourceAsStream("/LICENSE").readAllBytes()), Files.readString(x.files().resolve("LICENSE")));
        String notice = Files.readString(x.files().resolve("THIRD-PARTY-NOTICES"));
        assertTrue(notice.contains("grub-efi-amd64-bin " + Tools.packageVersion("grub-efi-amd64-bin")), notice);
        assertTrue(notice.contains("GPL-3.0-or-later"), notice);
        assertTrue(Files.isRegularFile(x.files().resolve("licenses/GPL-3")));
    }

    @Test
    void twoBuildsOfOneSpecAreByteIdentical(@TempDir Path dir) {
        Reproducibility.Result r = Reproducibility.check(TestIsos.spec(), dir);
        assertTrue(r.identical(), "differing: " + r.differing());
    }

    @Test
    void aDifferenceIsNamedByTheFilesThatDiffer() {
        Map<String, String> a = Map.of("boot/micros.elf", "1", "LICENSE", "2", "gone", "3");
        Map<String, String> b = Map.of("boot/micros.elf", "9", "LICENSE", "2", "new", "4");
        assertEquals(List.of("boot/micros.elf", "gone", "new"), Reproducibility.differing(a, b));
    }
}
