package micros.bench.machine;

import micros.bench.unicorn.X86;
import micros.fixtures.ExceptionKernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The benchmark's int-loop kernel: every int 0x80 from ring 3 is delivered and returned from. */
class InterruptLoopTest {
    @Test
    void userCodeRunsItsLoopOfIntThrough0x80ToTheEndThenHaltsThroughGeneralProtection() {
        try (Machine m = Machine.boot("int-loop.elf", ExceptionKernels.intLoop(50).bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            assertEquals(0, m.engine().reg(X86.RCX), "the loop ran to the end");
            assertEquals(0, m.cpl(), "halted in ring 0, by the #GP of the user hlt");
            // The #GP frame on TSS.RSP0's stack: error code 0, then the user hlt's address and user CS.
            java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(m.readVirtual(m.engine().reg(X86.RSP), 24)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, f.getLong(0));
            assertEquals(0x33, f.getLong(16));
        }
    }
}
