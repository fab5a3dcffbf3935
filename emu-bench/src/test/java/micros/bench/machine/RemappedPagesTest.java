package micros.bench.machine;

import micros.fixtures.PagingKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static micros.bench.machine.GuestWords.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remapped pages read the frame the page tables name, after a CR3 reload and after invlpg, as on a CPU. */
class RemappedPagesTest {
    @Test
    void aLowPageRemappedOntoOtherRamReadsTheFrameTheTablesName() {
        var image = PagingKernels.remappedRam();
        try (Machine m = Machine.boot("remapped-ram.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why.toString());
            assertEquals(PagingKernels.FIRST, u64(m, image.symbol("seen_first")), "after the CR3 reload: physical 8 MiB");
            assertEquals(PagingKernels.SECOND, u64(m, image.symbol("seen_second")), "after invlpg: physical 10 MiB");
            assertTrue(m.serial().text().contains(PagingKernels.REMAPPED_RAM), m.serial().text());
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

    /** A watchpoint on virtual 4 MiB reports the reads through it, whichever frame it maps to at the time. */
    @Test
    void aWatchpointOnARemappedVirtualPageFollowsTheMapping() {
        var image = PagingKernels.remappedRam();
        try (Machine m = Machine.boot("remapped-ram.elf", image.bytes(), MachineConfig.defaults())) {
            m.watch(0x40_0000, 8, true, false);
            StopReason first = m.run(10_000_000), second = m.run(10_000_000);
            var r = assertInstanceOf(StopReason.Watchpoint.class, first, first::toString);
            assertEquals(List.of("read", 0x40_0000L, PagingKernels.FIRST), List.of(r.access(), r.address(), r.value()), "through physical 8 MiB");
            var w = assertInstanceOf(StopReason.Watchpoint.class, second, second::toString);
            assertEquals(PagingKernels.SECOND, w.value(), "after invlpg, through physical 10 MiB");
            assertEquals(0x40_0000, w.address());
        }
    }
}
