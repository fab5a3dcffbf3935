package micros.release;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuTest {
    /**
     * GRUB's halt after a refusal powers the machine off: QEMU exits before a long settle time is up, and
     * the run still ends as that refusal (not as an unexplained exit), well before its time limit.
     */
    @Test
    void aRefusalThatPowersOffIsStillARefusal() {
        Path iso = TestIsos.build("halt", TestIsos.spec(), t -> TestIsos.flip(t.resolve("boot/micros.elf"), 0x200));
        Qemu.Boot boot = Qemu.boot(iso, Qemu.Setup.bios(), Qemu.Watch.until(TestIsos.BANNER, 120).orFailure(100, GrubConfig.REFUSED));
        assertEquals(Qemu.Ending.FAILURE, boot.ending(), boot.serial());
        assertTrue(boot.seconds() < 100, boot.seconds() + " s");
        assertTrue(boot.serial().contains("error: bad signature."), boot.serial());
    }

    @Test
    void theCommandLineIsTcgWithTheFirmwareAndMediaAsked() {
        List<String> sb = Qemu.command(Path.of("/x.iso"), Qemu.Setup.secureBoot(Path.of("/v.fd")).onDisk(), Path.of("/copy.fd"), "stdio", null);
        String line = String.join(" ", sb);
        assertTrue(line.startsWith("qemu-system-x86_64 -accel tcg "), line);
        assertTrue(line.contains("-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on"), line);
        assertTrue(line.contains("readonly=on,file=" + Qemu.OVMF_CODE_SECURE_BOOT), line);
        assertTrue(line.contains("unit=1,file=/copy.fd"), line);
        assertTrue(line.endsWith("-drive file=/x.iso,format=raw,media=disk,snapshot=on"), line);
        assertTrue(String.join(" ", Qemu.command(Path.of("/x.iso"), false, null, "stdio")).endsWith("-monitor none -cdrom /x.iso"));
    }

    @Test
    void aMissingImageIsNamed() {
        ReleaseException e = assertThrows(ReleaseException.class, () -> Qemu.boot(Path.of("/nonexistent.iso"), Qemu.Setup.bios(), Qemu.Watch.until("x", 5)));
        assertEquals("/nonexistent.iso: image not found", e.getMessage());
    }
}
