package micros.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuVersionTest {
    @Test
    void readsDebiansVersionLine() {
        assertEquals(new QemuVersion(7, 2, 22), QemuVersion.parse("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022 Fabrice Bellard"));
        assertEquals(new QemuVersion(10, 0, 0), QemuVersion.parse("QEMU emulator version 10.0"));
    }

    @Test
    void versionsOrderNumerically() {
        assertTrue(new QemuVersion(7, 2, 22).compareTo(new QemuVersion(8, 0, 0)) < 0);
        assertTrue(new QemuVersion(10, 0, 0).compareTo(new QemuVersion(9, 2, 4)) > 0);
    }

    @Test
    void somethingElseIsAOneLineError() {
        var e = assertThrows(IllegalArgumentException.class, () -> QemuVersion.parse("bash: qemu: command not found\nmore"));
        assertEquals("qemu-system-x86_64 --version: no 'QEMU emulator version X.Y' in 'bash: qemu: command not found'", e.getMessage());
    }

    @Test
    void theInstalledQemuHasAVersion() {
        assertTrue(QemuRunner.version().major() >= 7);
    }
}
