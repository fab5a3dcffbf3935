package micros.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QemuRunnerTest {
    /** What GRUB wrote on COM1 before a kernel, as measured: its screen cleared, then the entry it boots. */
    static final String GRUB = "\u001b[H\u001b[J\u001b[1;1H\u001b[H\u001b[J\u001b[1;1H  Booting `micros'\n\r\n\r";

    @Test
    void grubsOwnOutputIsNotTheKernels() {
        assertEquals("fixture: hello\n", QemuRunner.kernelOutput(GRUB + "fixture: hello\n"));
        assertEquals("\nBooting `x'\n\r\n\r", QemuRunner.kernelOutput(GRUB + "\nBooting `x'\n\r\n\r"), "only GRUB's, once");
        assertEquals("fixture: hello\n", QemuRunner.kernelOutput("fixture: hello\n"), "a loader that writes nothing on COM1");
    }
}
