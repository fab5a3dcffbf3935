package micros.release;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The release ISO boots in real QEMU (TCG) with BIOS and with UEFI, and the kernel reaches long mode. */
class QemuBootTest {
    static final Path ISO = Path.of("target/micros-amd64.iso");
    static final String BANNER = "micros: long mode";

    @Test
    void biosBootReachesLongMode() {
        assertTrue(Files.isRegularFile(ISO), "the build makes " + ISO);
        Qemu.Boot boot = Qemu.bootUntil(ISO, false, BANNER, 90);
        System.out.printf("BIOS boot to banner: %.1f s%n", boot.seconds());
        assertTrue(boot.sawLine(), "COM1 under SeaBIOS:\n" + boot.serial());
    }

    /** The bench's CPU always has long mode; QEMU's qemu32 does not, so the kernel's check is exercised here. */
    @Test
    void aCpuWithoutLongModeGetsOneLineOnCom1() {
        Qemu.Boot boot = Qemu.bootUntil(ISO, false, "qemu32", "micros: boot failed: no long mode (CPUID 0x80000001 EDX.LM=0)\n", 90);
        assertTrue(boot.sawLine(), "COM1 on qemu32:\n" + boot.serial());
        assertTrue(!boot.serial().contains(BANNER), boot.serial());
    }

    @Test
    void uefiBootReachesLongMode() {
        Qemu.Boot boot = Qemu.bootUntil(ISO, true, BANNER, 150);
        System.out.printf("UEFI boot to banner: %.1f s%n", boot.seconds());
        assertTrue(boot.sawLine(), "COM1 under OVMF:\n" + boot.serial());
    }
}
