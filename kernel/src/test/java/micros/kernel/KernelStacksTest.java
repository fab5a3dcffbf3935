package micros.kernel;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's stacks in the kernel's half, read back by an independent walk: each page of a stack on its
 * frame, writable, supervisor-only, no-execute when asked; the page below each stack unmapped; nothing else
 * of the first 2 MiB of the half mapped; the tables taken from the pool.
 */
class KernelStacksTest {
    static final long POOL = 0x10_0000, POOL_END = 0x30_0000, PAGE = 4096;

    @Property(tries = 50)
    void stacksOnTheirFramesAboveUnmappedGuards(@ForAll boolean noExecute, @ForAll("frames") long frames) {
        WordMemory memory = new WordMemory();
        long root;
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.usePool(POOL, POOL_END);
            root = AddressSpace.newTable();
            KernelStacks.map(root, frames, noExecute ? AddressSpace.NO_EXECUTE : 0);
            assertEquals(4, AddressSpace.tables, "the root and three tables from the pool");
        }
        long[][] stacks = {{KernelStacks.KERNEL_TOP, KernelStacks.KERNEL_PAGES}, {KernelStacks.DOUBLE_FAULT_TOP, 1}, {KernelStacks.NMI_TOP, 1}};
        int frame = 0;
        java.util.Set<Long> mapped = new java.util.HashSet<>();
        for (long[] s : stacks) {
            long bottom = s[0] - PAGE * s[1];
            for (long v = bottom; v < s[0]; v += PAGE, frame++) {
                Walk w = Walk.of(memory, root, v + 8);
                assertNotNull(w, "0x" + Long.toHexString(v) + " mapped");
                assertEquals(frames + PAGE * frame + 8, w.physical(), "its frame");
                assertTrue(w.writable() && !w.user() && w.pageSize() == PAGE, "writable, supervisor-only, 4 KiB");
                assertEquals(noExecute, w.noExecute());
                mapped.add(v);
            }
            assertNull(Walk.of(memory, root, bottom - PAGE), "the guard below the stack at 0x" + Long.toHexString(s[0]));
        }
        assertEquals(KernelStacks.PAGES, frame);
        for (long v = KernelStacks.BASE; v < KernelStacks.BASE + (1 << 21); v += PAGE)
            if (!mapped.contains(v)) assertNull(Walk.of(memory, root, v), "0x" + Long.toHexString(v) + " unmapped");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> frames() { return net.jqwik.api.Arbitraries.longs().between(0x40_0000 / PAGE, (1L << 40) / PAGE).map(p -> p * PAGE); }
}
