package micros.bench.machine;

import micros.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole boots of real kernel images in the bench. */
class MachineBootTest {
    static final Path KERNEL = Path.of("../kernel/target/micros.elf");
    static final long BUDGET = 10_000_000;

    static byte[] kernel() throws Exception { return Files.readAllBytes(KERNEL); }

    @Test
    void ourKernelWithoutAMemoryManagerModuleSaysSoAndHaltsCleanly() throws Exception {
        try (Machine m = Machine.boot(KERNEL.toString(), kernel(), MachineConfig.defaults())) {
            StopReason why = m.run(BUDGET);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            assertEquals("micros: long mode\nmicros: boot information: no module whose string contains memory_manager\n", m.serial().text());
            assertEquals(64, m.mode());
            assertTrue(m.pagingEnabled());
            assertEquals(0, m.cpl());
            assertEquals(m.symbols().address("micros.runtime.halted") + 2, ((StopReason.Halted) why).rip(), "halted in the kernel's halt loop (after its stop hook), just past hlt");
        }
    }

    @Test
    void ourKernelReportsABadLoaderMagicOnCom1() throws Exception {
        try (Machine m = Machine.boot(KERNEL.toString(), kernel(), MachineConfig.defaults().withHandoffMagic(0x2BADB002))) {
            StopReason why = m.run(BUDGET);
            assertInstanceOf(StopReason.Halted.class, why);
            assertTrue(m.serial().text().startsWith("micros: boot failed: bad multiboot2 magic"), m.serial().text());
            assertEquals(32, m.mode(), "the check runs before long mode");
        }
    }

    @Test
    void theKernelStackIsMappedHighOntoItsPhysicalPages() throws Exception {
        try (Machine m = Machine.boot(KERNEL.toString(), kernel(), MachineConfig.defaults())) {
            // Before kernel_main: the boot stack (kernel-Java then moves to the stacks of the kernel's half).
            m.stopAt(m.symbols().address("kernel_main"), "kernel_main");
            m.run(BUDGET);
            long rsp = m.engine().reg(micros.bench.unicorn.X86.RSP);
            assertTrue(rsp >>> 63 == 1, "stack in the upper half: 0x" + Long.toHexString(rsp));
            assertEquals(micros.kernel.boot.PageTables.STACK_TOP - 8, rsp, "the return address of the call to kernel_main");
            PageWalk.Result guard = PageWalk.translate(m.engine().reg(micros.bench.unicorn.X86.CR3), micros.kernel.boot.PageTables.STACK_GUARD, m.engine()::read64);
            assertEquals(1, guard.missingLevel(), "the page below the stack is an unmapped guard page");
            PageWalk.Result top = PageWalk.translate(m.engine().reg(micros.bench.unicorn.X86.CR3), rsp - 8, m.engine()::read64);
            assertTrue(top.present());
            // Unicorn's own MMU agrees: the stack's top word is in that physical page.
            assertEquals(top.physical(), m.engine().translate(rsp - 8, micros.bench.unicorn.X86.PROT_READ));
        }
    }

    @Test
    void anotherMultiboot2KernelBoots() {
        byte[] hello = Fixtures.hello().bytes();
        try (Machine m = Machine.boot("hello.elf", hello, MachineConfig.defaults())) {
            assertInstanceOf(StopReason.Halted.class, m.run(BUDGET));
            assertEquals(Fixtures.HELLO_LINE + "\n", m.serial().text());
            assertEquals(32, m.mode());
        }
    }

    @Test
    void aFixtureWhoseEntryCheckFailsPrintsItsReason() {
        try (Machine m = Machine.boot("failing-check.elf", Fixtures.failingCheck().bytes(), MachineConfig.defaults())) {
            assertInstanceOf(StopReason.Halted.class, m.run(BUDGET));
            assertEquals(Fixtures.FAILING_CHECK_LINE + "\n", m.serial().text());
        }
    }

    @Test
    void theFramebufferIsWrittenAsAPng(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (Machine m = Machine.boot("paint.elf", Fixtures.paint().bytes(), MachineConfig.defaults())) {
            assertInstanceOf(StopReason.Halted.class, m.run(BUDGET));
            assertEquals(Fixtures.PAINTED_LINE + "\n", m.serial().text());
            Path png = dir.resolve("fb.png");
            m.writeFramebufferPng(png);
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(Framebuffer.DEFAULT.width(), image.getWidth());
            assertEquals(Framebuffer.DEFAULT.height(), image.getHeight());
            for (int[] p : new int[][] {{0, 0}, {1023, 0}, {512, 384}, {0, 767}, {1023, 767}})
                assertEquals(Fixtures.PAINT, image.getRGB(p[0], p[1]) & 0xFF_FFFF, "pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void theBudgetStopsARunningKernel() throws Exception {
        try (Machine m = Machine.boot(KERNEL.toString(), kernel(), MachineConfig.defaults())) {
            StopReason why = m.run(100);
            assertEquals(new StopReason.BudgetExhausted(100), why);
            assertEquals("", m.serial().text());
        }
    }

    @Test
    void badKernelsAreRejectedNamingTheFile() throws Exception {
        BootException junk = assertThrows(BootException.class, () -> Machine.boot("junk.bin", new byte[100], MachineConfig.defaults()));
        assertEquals("junk.bin: no multiboot2 header in the first 32 KiB", junk.getMessage(), "the header first, as GRUB looks");
        java.nio.ByteBuffer flat = java.nio.ByteBuffer.allocate(100).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        flat.putInt(MultibootKernelHeader.MAGIC).putInt(0).putInt(24).putInt(-(MultibootKernelHeader.MAGIC + 24)).putShort((short) 0).putShort((short) 0).putInt(8);
        BootException notElf = assertThrows(BootException.class, () -> Machine.boot("flat.bin", flat.array(), MachineConfig.defaults()));
        assertEquals("flat.bin: not an ELF file (bad magic)", notElf.getMessage(), "a header without an address tag: the file must be ELF");
        byte[] noHeader = kernel();
        for (int i = 0; i < 32 * 1024; i += 4)
            if (i + 4 <= noHeader.length && java.nio.ByteBuffer.wrap(noHeader, i, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() == MultibootKernelHeader.MAGIC)
                noHeader[i] = 0;
        BootException e = assertThrows(BootException.class, () -> Machine.boot("k.elf", noHeader, MachineConfig.defaults()));
        assertEquals("k.elf: no multiboot2 header in the first 32 KiB", e.getMessage());
    }
}
