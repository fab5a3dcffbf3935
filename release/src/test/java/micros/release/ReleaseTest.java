package micros.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed release (release/ beside this module's sources) against itself: checksums, certificate,
 * signatures and build record, and a Secure Boot boot with only its certificate enrolled. Not against
 * today's sources, which move on between releases.
 */
class ReleaseTest {
    static final Path RELEASE = Path.of(".");

    @Test
    void theCommittedReleaseIsConsistentWithItsCertificateChecksumsAndRecord() {
        List<String> checked = ReleaseCheck.verify(RELEASE);
        checked.forEach(l -> System.out.println("release: " + l));
        assertTrue(checked.stream().anyMatch(l -> l.startsWith("sbverify")), checked.toString());
        assertTrue(checked.stream().anyMatch(l -> l.equals("gpgv: boot/micros.elf signed by micros.gpg")), checked.toString());
    }

    @Test
    void theReleaseBootsUnderSecureBootWithItsCertificateEnrolled(@TempDir Path dir) throws IOException {
        String banner = BuildRecord.field(Files.readString(RELEASE.resolve(BuildRecord.FILE)), BuildRecord.BANNER);
        Path vars = SecureBootVars.make(RELEASE.resolve(ReleaseCheck.CERT), dir.resolve("vars.fd"));
        Qemu.Boot boot = Qemu.boot(RELEASE.resolve(ReleaseCheck.ISO), Qemu.Setup.secureBoot(vars),
                Qemu.Watch.until(banner, BootMatrixTest.TIMEOUT).orFailure(1.0, BootMatrixTest.REFUSALS.toArray(String[]::new)));
        System.out.printf("release under Secure Boot: %s after %.1f s%n", boot.ending(), boot.seconds());
        assertEquals(Qemu.Ending.LINE, boot.ending(), boot.serial());
        assertTrue(boot.serial().contains(GrubConfig.STATE + "y] check_signatures=[enforce]"), boot.serial());
    }

    /** The check is not a formality: a release whose ISO changed after its checksums were written fails it. */
    @Test
    void aChangedReleaseFailsTheCheck(@TempDir Path dir) throws IOException {
        for (String f : ReleaseCheck.FILES) Files.copy(RELEASE.resolve(f), dir.resolve(f));
        Files.copy(RELEASE.resolve(ReleaseCheck.SUMS), dir.resolve(ReleaseCheck.SUMS));
        TestIsos.flip(dir.resolve(ReleaseCheck.ISO), 40_000);
        ReleaseException e = assertThrows(ReleaseException.class, () -> ReleaseCheck.verify(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(ReleaseCheck.SUMS) + ": no line '"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
