package micros.bench.gdb;

import micros.bench.machine.Machine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The target description's system registers, read by the real gdb before and after the switch to long mode. */
class GdbControlRegistersTest {
    @Test
    void gdbShowsControlRegistersAndEfer() throws Exception {
        try (Machine m = GdbServerTest.boot()) {
            GdbBatch.Result r = GdbBatch.run(m, GdbServerTest.KERNEL,
                    "break _start", "continue", "p/x $cr0", "p/x $efer", "info registers cr0 cr3 efer",
                    "break uart_init64", "continue", "p/x $cr0", "p/x $cr3", "p/x $cr4", "p/x $efer", "info registers cr0 efer",
                    "p/x $fs_base", "info registers st0", "kill");
            String out = r.out();
            long pml4 = m.symbols().address("pml4");
            assertTrue(out.contains("$1 = 0x11\n"), "protected mode, paging off:\n" + out);
            assertTrue(out.contains("$2 = 0x0\n"), "EFER clear:\n" + out);
            assertTrue(out.contains("cr0            0x11                [ PE ET ]"), out);
            assertTrue(out.contains("cr3            0x0 "), out);
            assertTrue(out.contains("$3 = 0x80000011\n"), "PG set in long mode:\n" + out);
            assertTrue(out.contains("$4 = 0x" + Long.toHexString(pml4) + "\n"), "CR3 points at the kernel's PML4:\n" + out);
            assertTrue(out.contains("$5 = 0x20\n"), "CR4.PAE:\n" + out);
            assertTrue(out.contains("$6 = 0xd00\n"), "EFER.LME, LMA and NXE (the CPU has NX):\n" + out);
            assertTrue(out.contains("cr0            0x80000011          [ PE ET PG ]"), out);
            assertTrue(out.contains("efer           0xd00               [ LME LMA NXE ]"), out);
            assertTrue(out.contains("$7 = 0x0\n"), "fs_base:\n" + out);
            assertTrue(out.contains("st0            <unavailable>"), "the bench has no x87 state to show:\n" + out);
        }
    }
}
