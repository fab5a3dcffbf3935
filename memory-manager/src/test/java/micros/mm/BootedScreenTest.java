package micros.mm;

import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.bench.machine.cpu.Register;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memory_manager.elf booted as the module of a kernel that keeps the seed's interface: at its first
 * instruction (ring 3, rdi = the allocator) the allocator's lists are counted from outside; once it has
 * run, the screen shows exactly those counts.
 */
class BootedScreenTest {
    static final Path MEMORY_MANAGER = Path.of("target/memory_manager.elf");

    @ParameterizedTest
    @ValueSource(strings = {"../fixtures/seed/micros.elf", "../kernel/target/micros.elf"})
    void theScreenShowsWhatTheKernelHandedOver(String kernel) throws Exception {
        MachineConfig config = MachineConfig.defaults()
                .withModules(List.of(new BootModule(MEMORY_MANAGER.toString(), Files.readAllBytes(MEMORY_MANAGER), "memory_manager")));
        try (Machine m = Machine.boot(kernel, Files.readAllBytes(Path.of(kernel)), config)) {
            long stop = m.stopAt(MemoryManagerImage.LINK_ADDRESS, MemoryManagerImage.ENTRY);
            StopReason entered = m.run(100_000_000);
            assertInstanceOf(StopReason.Breakpoint.class, entered, kernel + " did not enter the memory manager: " + entered + "\n" + m.serial().text());
            assertEquals(3, m.cpl(), "the memory manager runs in ring 3");
            long alloc = m.reg(Register.RDI);
            boolean oneGiB = read(m, alloc + 32, 4) != 0;
            long frames4k = count(m, alloc), frames2m = count(m, alloc + 16), frames1g = oneGiB ? count(m, alloc + 40) : 0;

            m.clearStop(stop);
            StopReason ran = m.run(0);
            // Its screen drawn, it waits (int 0x80): ours goes idle; the seed's kernel has no such gate and halts.
            if (kernel.contains("seed")) assertInstanceOf(StopReason.Halted.class, ran, "the seed's kernel halts at the wait: " + ran);
            else assertTrue(ran instanceof StopReason.Idle && m.serial().text().endsWith(micros.kernel.Idle.LINE),
                    "the memory manager waits and the kernel idles: " + ran + "\n" + m.serial().text());
            var image = m.framebufferImage();
            BootScreen.layout(image.getWidth(), image.getHeight());
            ScreenReader screen = ScreenReader.of(image);
            assertEquals(BootScreen.BACKGROUND, screen.pixel(0, 0), "background at the top left");
            assertEquals(Screen.rows(frames4k, frames2m, frames1g, oneGiB), screen.rows());
        }
    }

    /** The length of the list whose head is at {@code head}, walked through the guest's memory. */
    static long count(Machine m, long head) {
        long n = 0;
        for (long node = head; read(m, node, 4) != 0; node = read(m, node + 8, 8)) n++;
        return n;
    }

    static long read(Machine m, long address, int size) {
        ByteBuffer b = ByteBuffer.wrap(m.readVirtual(address, size)).order(ByteOrder.LITTLE_ENDIAN);
        return size == 4 ? b.getInt() & 0xFFFF_FFFFL : b.getLong();
    }
}
