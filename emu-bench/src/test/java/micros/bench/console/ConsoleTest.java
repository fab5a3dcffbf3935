package micros.bench.console;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's commands, through the same command layer the interactive console uses. */
class ConsoleTest {
    Machine m;
    Console console;

    @BeforeEach
    void boot() throws Exception {
        m = Machine.boot("micros.elf", Files.readAllBytes(Path.of("../kernel/target/micros.elf")), MachineConfig.defaults());
        console = new Console(m);
    }

    @AfterEach
    void close() { m.close(); }

    @Test
    void breakContinueStepAndNext() {
        String entry = "0x" + hex("long_mode_entry");
        assertEquals("breakpoint at " + entry + " <long_mode_entry>", console.execute("b long_mode_entry"));
        assertEquals("reached " + entry + " <long_mode_entry>\n" + entry + " <long_mode_entry>: mov ax, 0x10", console.execute("c"));
        assertTrue(console.execute("s").endsWith(" <long_mode_entry+0x4>: mov ds, eax"));
        console.execute("s 6");
        String call = console.execute("u").lines().findFirst().orElseThrow();
        assertTrue(call.startsWith("=> ") && call.contains(" <long_mode_entry+0x18>") && call.endsWith(" call 0x" + hex("uart_init64")), call);
        String next = console.execute("n");
        assertTrue(next.contains(" <long_mode_entry+0x1d>: lea rsi, [rip + "), "next steps over the call to uart_init64: " + next);
        assertTrue(console.execute("c").startsWith("clean halt"));
        assertEquals("micros: long mode\n", console.execute("serial"));
    }

    String hex(String symbol) { return Long.toHexString(m.symbols().address(symbol)); }

    @Test
    void registersAreDecoded() {
        console.execute("b long_mode_entry");
        console.execute("c");
        String r = console.execute("r");
        assertTrue(r.contains("rip    0x" + hex("long_mode_entry") + " <long_mode_entry>"), r);
        assertTrue(r.contains("cs     0x8 (CPL 0, 64-bit)"), r);
        assertTrue(r.contains("cr0    0x80000011 [PE ET PG]"), r);
        assertTrue(r.contains("efer   0x500 [LME LMA]"), r);
    }

    @Test
    void memoryPageWalkGdtAndBootInfo() {
        console.execute("c");
        assertEquals(String.format("%016x: 6d 69 63 72", m.symbols().address("msg.long_mode")), console.execute("x msg.long_mode 4 b"));
        String walk = console.execute("w 0xffffff8000004ff8");
        long stackTopPage = m.symbols().address("kernel_stack") + 3 * 4096;
        assertTrue(walk.contains("PML4E [511]") && walk.contains("PTE   [  4]") && walk.endsWith("physical 0x" + Long.toHexString(stackTopPage + 0xff8)), walk);
        assertTrue(console.execute("w 0xffffff8000000000").endsWith("not mapped: PTE not present"), "the stack's guard page");
        assertTrue(console.execute("gdt").contains("0x08 00209a0000000000 code 64-bit DPL 0"));
        String mb = console.execute("mb");
        assertTrue(mb.contains("boot loader: micros emu-bench") && mb.contains("framebuffer 0xfd000000, 1024x768, 32 bpp"), mb);
    }

    @Test
    void badInputGetsOneLine() {
        assertEquals("unknown command 'frobnicate' (help lists them)", console.execute("frobnicate"));
        assertEquals("b: no symbol 'nowhere'", console.execute("b nowhere"));
        assertEquals("x: unit 'z' is not b, w, d or q", console.execute("x 0x1000 1 z"));
        assertEquals("s: 'many' is not a number", console.execute("s many"));
    }
}
