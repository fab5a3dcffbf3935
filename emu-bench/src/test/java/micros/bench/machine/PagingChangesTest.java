package micros.bench.machine;

import micros.fixtures.PagingKernels;
import org.junit.jupiter.api.Test;

import static micros.bench.machine.GuestWords.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paging changes the bench follows (remapped windows) and refuses (remapped RAM), as on a CPU or loudly. */
class PagingChangesTest {
    @Test
    void remappingRamToOtherRamStopsAtTheCr3Reload() {
        var image = PagingKernels.remappedRam();
        try (Machine m = Machine.boot("remapped-ram.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            StopReason.EmulatorError e = assertInstanceOf(StopReason.EmulatorError.class, why, () -> why.toString());
            assertTrue(e.message().contains("the page tables map virtual 0x400000-0x5fffff onto physical 0x800000"), e.message());
            assertEquals(image.symbol("after_reload"), m.pc(), "stopped right after the mov to CR3");
        }
    }

    @Test
    void aRemappedWindowShowsTheNewFrameAfterInvlpgAndAfterACr3Reload() {
        var image = PagingKernels.remappedWindow();
        try (Machine m = Machine.boot("remapped-window.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why.toString());
            assertEquals(PagingKernels.FIRST, u64(m, image.symbol("seen_first")));
            assertEquals(PagingKernels.SECOND, u64(m, image.symbol("seen_second")), "after invlpg: frame B");
            assertEquals(PagingKernels.FIRST, u64(m, image.symbol("seen_third")), "after the CR3 reload: frame A again");
        }
    }
}
