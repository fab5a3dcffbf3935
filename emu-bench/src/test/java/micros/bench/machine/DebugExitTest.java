package micros.bench.machine;

import micros.asm.ElfImage;
import micros.fixtures.IdleKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A write to QEMU's isa-debug-exit ports ends the run with the value written, as QEMU ends its process. */
class DebugExitTest {
    @ParameterizedTest
    @CsvSource({"0xf4, 4, 0", "0xf4, 4, 3", "0xf4, 4, 0x89abcdef", "0xf4, 1, 0x7f", "0xf7, 2, 0x1234", "0xf3, 4, 5"})
    void aWriteToThePortEndsTheRunWithItsValue(String port, int width, String status) {
        int p = Integer.decode(port);
        long value = Long.decode(status);
        ElfImage image = IdleKernels.writeExitPort(p, width, (int) value);
        try (Machine m = Machine.boot("exit-port.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(1_000_000);
            assertEquals(IdleKernels.EXITING + "\n", m.serial().text());
            if (p < IsaDebugExit.BASE || p >= IsaDebugExit.BASE + IsaDebugExit.SIZE) {
                assertInstanceOf(StopReason.Halted.class, why, "no device at 0x" + Integer.toHexString(p) + ": " + why);
                return;
            }
            StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, why, why::toString);
            assertEquals(value, exit.status(), why.toString());
        }
    }
}
