package micros.bench.gdb;

import micros.bench.machine.Machine;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardware watchpoints (Z2, Z3, Z4) with the real gdb, on variables of micros.elf's 32-bit entry code. */
class GdbWatchpointTest {
    @Test
    void gdbReportsWriteReadAndAccessWatchpoints() throws Exception {
        try (Machine m = GdbServerTest.boot()) {
            GdbBatch.Result r = GdbBatch.run(m, GdbServerTest.KERNEL,
                    "watch *(int*)&boot_magic", "continue",
                    "rwatch *(int*)&boot_magic", "continue", "delete",
                    "awatch *(int*)&nx_high", "continue", "continue", "delete", "x/2i $pc", "kill");
            String out = r.out();
            assertTrue(out.contains("Hardware watchpoint 1: *(int*)&boot_magic"), "a hardware watchpoint, not a software one:\n" + out);
            assertTrue(out.contains("Old value = 0\nNew value = 920085129\n"), "_start stores the multiboot2 magic:\n" + out);
            assertTrue(out.contains("Hardware read watchpoint 2: *(int*)&boot_magic\n\nValue = 920085129\n"), "the magic check reads it:\n" + out);
            String access = "Hardware access (read/write) watchpoint 3: *(int*)&nx_high\n\n";
            String nx = "-2147483648"; // bit 31 of the high dword: the CPU reports NX
            assertTrue(out.matches("(?s).*" + Pattern.quote(access + "Old value = 0\nNew value = " + nx + "\n") + "0x[0-9a-f]{16} in _start \\(\\).*"),
                    "_start stores the NX bit:\n" + out);
            String pageTables = String.format("%sValue = %s\n0x%016x in pt", access, nx, m.symbols().address("pt.stack"));
            assertTrue(out.contains(pageTables), "the page table code reads it back:\n" + out);
        }
    }

    /** A stepi over a watched store reports the watchpoint, as a hardware debug trap would. */
    @Test
    void stepiOverAWatchedStoreReportsIt() throws Exception {
        try (Machine m = GdbServerTest.boot()) {
            long store = m.symbols().address("_start") + 6; // mov [boot_magic], eax after cli and mov esp, imm32
            GdbBatch.Result r = GdbBatch.run(m, GdbServerTest.KERNEL,
                    "break *0x" + Long.toHexString(store), "continue", "watch *(int*)&boot_magic", "stepi", "kill");
            String out = r.out();
            assertTrue(out.contains("Hardware watchpoint 2: *(int*)&boot_magic\n\nOld value = 0\nNew value = 920085129\n0x"
                    + String.format("%016x", store + 5) + " in _start ()"), out);
        }
    }
}
