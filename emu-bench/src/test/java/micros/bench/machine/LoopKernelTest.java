package micros.bench.machine;

import micros.fixtures.LoopKernel;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speed benchmark's kernel runs its loops, counted, between its two lines. */
class LoopKernelTest {
    @Test
    void theLoopKernelRunsItsInstructionsBetweenItsTwoLines() {
        long[] countAtLine = new long[3];
        int[] lines = {0};
        try (Machine m = Machine.boot("speed-loop.elf", LoopKernel.loop().bytes(), MachineConfig.defaults())) {
            m.serial().onOutput(b -> { if (b == '\n' && lines[0] < 3) countAtLine[lines[0]++] = m.instructionsExecuted(); });
            StopReason why = m.run(2 * LoopKernel.INSTRUCTIONS);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text());
            assertEquals("micros: long mode\n" + LoopKernel.START + "\n" + LoopKernel.DONE + "\n", m.serial().text());
            long between = countAtLine[2] - countAtLine[1];
            assertTrue(between >= LoopKernel.INSTRUCTIONS && between < LoopKernel.INSTRUCTIONS + 1000,
                    "the loops and one line's printing between the lines: " + between);
        }
    }
}
