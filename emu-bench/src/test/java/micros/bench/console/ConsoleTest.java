package micros.bench.console;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.cpu.DescriptorTable;
import micros.bench.machine.cpu.Register;
import micros.bench.machine.cpu.TableRegister;
import micros.asm.ElfImage;
import micros.fixtures.ExceptionKernels;
import micros.fixtures.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /** Boots a fixture kernel instead of micros. */
    ElfImage boot(String name, ElfImage image) {
        m.close();
        m = Machine.boot(name, image.bytes(), MachineConfig.defaults());
        console = new Console(m);
        return image;
    }

    @AfterEach
    void close() { m.close(); }

    @Test
    void apicShowsTheTimerAndThePicRemapWhileTheKernelWaitsForTicks() {
        ElfImage image = boot("apic-timer.elf", micros.fixtures.ApicKernels.apicTimer());
        console.execute("b timer_handler");
        assertTrue(console.execute("c").startsWith("reached 0x" + Long.toHexString(image.symbol("timer_handler"))));
        String apic = console.execute("apic");
        assertTrue(apic.contains("local APIC at 0xfee00000: enabled, spurious vector 0xff"), apic);
        assertTrue(apic.contains("timer: periodic, vector 0x20, unmasked, divide by 16, initial count 1000"), apic);
        assertTrue(apic.contains("IRR -  ISR 0x20"), "the tick is in service in its handler:\n" + apic);
        assertTrue(apic.contains("8259 master: initialized, IRQ 0-7 at vectors 0x20-0x27, mask 0xff"), apic);
        assertTrue(apic.contains("8259 slave:  initialized, IRQ 8-15 at vectors 0x28-0x2f, mask 0xff"), apic);
    }

    @Test
    void addressesAreSymbolsNumbersOrSymbolPlusOrMinusAnOffset() {
        long entry = m.symbols().address("long_mode_entry");
        assertEquals(entry, console.address("long_mode_entry"));
        assertEquals(entry + 4, console.address("long_mode_entry+4"));
        assertEquals(entry + 0x10, console.address("long_mode_entry+0x10"));
        assertEquals(entry - 8, console.address("long_mode_entry-8"));
        assertEquals(0x1000, console.address("0x1000"));
        assertEquals("x: no symbol 'nowhere'", console.execute("x nowhere+4"));
        assertEquals("x: 'zz' is not a number", console.execute("x long_mode_entry+zz"));
    }

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
        assertEquals("micros: long mode\nmicros: boot information: no module whose string contains memory_manager\n", console.execute("serial"));
    }

    String hex(String symbol) { return Long.toHexString(m.symbols().address(symbol)); }

    @Test
    void registersAreDecoded() {
        console.execute("b long_mode_entry");
        console.execute("c");
        String r = console.execute("r");
        assertTrue(r.contains("rip    0x" + hex("long_mode_entry") + " <long_mode_entry>"), r);
        assertTrue(r.contains("cs     0x8 (CPL 0, 64-bit)  ss 0x18 (RPL 0)"), "the kernel's code segment, still the loader's stack segment:\n" + r);
        assertTrue(r.contains("cr0    0x80000011 [PE ET PG]"), r);
        long cr3 = m.reg(Register.CR3);
        assertTrue(r.contains(String.format("cr3    0x%x [table 0x%x]", cr3, cr3)), r);
        assertTrue(r.contains("cr2    0x"), r);
        assertTrue(r.contains("efer   0xd00 [LME LMA NXE]"), r); // the kernel sets NXE: the CPU has NX
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
        assertEquals("wa: access 'x' is not r, w or rw", console.execute("wa kernel_stack 8 x"));
        assertEquals("dw: no watchpoint at kernel_stack", console.execute("dw kernel_stack"));
        assertEquals("fb: 'screen.bmp' does not end in .png", console.execute("fb screen.bmp"));
        assertEquals("w: needs an argument", console.execute("w"));
    }

    @Test
    void idtAndTssOfALongModeFixture() {
        ElfImage image = boot("exceptions.elf", ExceptionKernels.breakpointAndDoubleFault());
        assertEquals("tr is null: no TSS loaded (ltr not executed yet)", console.execute("tss"));
        console.execute("b bp_handler");
        assertTrue(console.execute("c").startsWith("reached 0x" + hex("bp_handler")));
        String idt = console.execute("idt");
        assertEquals(String.format("""
                idtr base 0x%x limit 0xfff: 2 of 256 16-byte gates present
                vec  type             handler                              sel     DPL  IST
                  3  trap             %-36s 0x0008  0    0    #BP breakpoint
                  8  interrupt        %-36s 0x0008  0    1    #DF double fault""",
                image.symbol("idt"), "0x" + hex("bp_handler") + " <bp_handler>", "0x" + hex("df_handler") + " <df_handler>"), idt);
        assertEquals(String.format("""
                tr 0x18 base 0x%x limit 0x67 (64-bit TSS)
                rsp0  0x0
                rsp1  0x0
                rsp2  0x0
                ist1  0x%x <ist_top>
                6 other IST entries 0
                I/O map base 0x0""", image.symbol("tss"), image.symbol("ist_top")), console.execute("tss"));
    }

    /** At the kernel's entry (32-bit protected mode, paging off) with an IDT of 8-byte gates put in by hand. */
    @Test
    void thirtyTwoBitModeIdtWalkAndRegisters() {
        ElfImage image = boot("hello.elf", Fixtures.hello());
        console.execute("b _start");
        assertTrue(console.execute("c").startsWith("reached 0x" + hex("_start") + " <_start>"));
        assertTrue(console.execute("r").contains("cs     0x10 (CPL 0, 32-bit)  ss 0x18 (RPL 0)"), "GRUB's selectors");
        assertEquals("paging is off: physical = virtual 0x1000", console.execute("w 0x1000"));
        long halt = image.symbol("halt"), idt = 0x8000;
        ByteBuffer gates = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        gates.putShort(0, (short) halt).putShort(2, (short) 0x08).put(5, (byte) 0x8E).putShort(6, (short) (halt >>> 16)); // 0: interrupt gate
        gates.putShort(16, (short) halt).putShort(18, (short) 0x08).put(21, (byte) 0xEF).putShort(22, (short) (halt >>> 16)); // 2: trap gate, DPL 3
        m.writeVirtual(idt, gates.array());
        m.setTableRegister(DescriptorTable.IDTR, new TableRegister(0, idt, 3 * 8 - 1, 0));
        String h = "0x" + hex("halt") + " <halt>";
        assertEquals(String.format("""
                idtr base 0x8000 limit 0x17: 2 of 3 8-byte gates present
                vec  type             handler                              sel     DPL  IST
                  0  interrupt        %-36s 0x0008  0    -    #DE divide error
                  2  trap             %-36s 0x0008  3    -    NMI""", h, h), console.execute("idt"));
        // A 32-bit TSS put in by hand: ESP0/SS0 and CR3, no I/O bitmap (its base is past the limit).
        ByteBuffer tss = ByteBuffer.allocate(104).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) image.symbol("stack_top")).putShort(8, (short) 0x10);
        tss.putInt(28, 0x5000).putShort(102, (short) 104);
        m.writeVirtual(0x9000, tss.array());
        m.setTableRegister(DescriptorTable.TR, new TableRegister(0x18, 0x9000, 103, 0x89 << 8));
        assertEquals(String.format("""
                tr 0x18 base 0x9000 limit 0x67 (32-bit TSS)
                esp0  0x%x <%s>  ss0 0x10
                esp1  0x0  ss1 0x0
                esp2  0x0  ss2 0x0
                cr3 0x5000  eip 0x0
                I/O map base 0x68 (past the limit: no I/O permission bitmap)""", image.symbol("stack_top"), m.symbols().describe(image.symbol("stack_top"))),
                console.execute("tss"));
        // A watchpoint in 32-bit mode: the call to the UART's init pushes a 4-byte return address below stack_top.
        long slot = image.symbol("stack_top") - 4;
        console.execute("wa 0x" + Long.toHexString(slot) + " 4");
        String stop = console.execute("c");
        assertTrue(stop.startsWith(String.format("watchpoint: write of 4 bytes at 0x%x, value 0x", slot)) && stop.contains(" <_start+0x") && stop.contains(": call "), stop);
    }

    @Test
    void watchpointStopsAfterTheInstruction() {
        ElfImage image = boot("exceptions.elf", ExceptionKernels.breakpointAndDoubleFault());
        assertEquals("watchpoint (w) on 104 bytes at 0x" + hex("tss") + " <tss>", console.execute("wa tss 104"));
        console.execute("b bp_handler");
        assertEquals("breakpoint at 0x" + hex("bp_handler") + " <bp_handler>\nwatchpoint (w) on 104 bytes at 0x" + hex("tss") + " <tss>", console.execute("bl"));
        String stop = console.execute("c");
        // install_gdt_tss stores IST1 (tss + 0x24): the report names that store; the machine waits at the next instruction.
        String expected = String.format("watchpoint: write of 8 bytes at 0x%x, value 0x%x, by 0x%x <install_gdt_tss+0x7>: mov qword ptr [rip + ",
                image.symbol("tss") + 0x24, image.symbol("ist_top"), image.symbol("install_gdt_tss") + 7);
        assertTrue(stop.startsWith(expected) && stop.lines().toList().get(1).startsWith("0x" + Long.toHexString(image.symbol("install_gdt_tss") + 0xe) + " <install_gdt_tss+0xe>: "), stop);
        assertEquals(String.format("%016x: %016x", image.symbol("tss") + 0x24, image.symbol("ist_top")), console.execute("x 0x" + Long.toHexString(image.symbol("tss") + 0x24) + " 1"));
        assertEquals("deleted", console.execute("dw tss"));
        assertTrue(console.execute("c").startsWith("reached 0x" + hex("bp_handler")), "no more stops in the TSS");
    }

    /** A read watchpoint on the higher-half kernel stack (a virtual address): uart_init64's ret reads its return address. */
    @Test
    void readWatchpointOnTheKernelStack() {
        console.execute("wa 0xffffff8000004ff8 8 r");
        String stop = console.execute("c");
        long back = m.symbols().address("long_mode_entry") + 0x1d;
        assertTrue(stop.startsWith("watchpoint: read of 8 bytes at 0xffffff8000004ff8, value 0x" + Long.toHexString(back) + ", by 0x")
                && stop.contains(" <uart_init64+") && stop.contains(">: ret\n0x" + Long.toHexString(back) + " <long_mode_entry+0x1d>: "), stop);
    }

    @Test
    void framebufferSnapshot(@TempDir Path dir) throws Exception {
        boot("paint.elf", Fixtures.paint());
        assertTrue(console.execute("c").startsWith("clean halt"));
        Path png = dir.resolve("screen.png");
        String out = console.execute("fb " + png);
        assertEquals("wrote " + png + " (" + Files.size(png) + " bytes)", out);
        BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1024, image.getWidth());
        assertEquals(Fixtures.PAINT, image.getRGB(512, 384) & 0xFF_FFFF);
    }
}
