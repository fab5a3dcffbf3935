package micros.kernel;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Page tables built by kernel-Java, read back by an independent walk. */
class AddressSpaceTest {
    static final long POOL = 0x10_0000, POOL_END = 0x30_0000;

    @Provide
    Arbitrary<List<PageRanges.Range>> identityRanges() { return PageRanges.identity(); }

    @Provide
    Arbitrary<List<PageRanges.Range>> kernelRanges() { return PageRanges.kernel(); }

    /**
     * Identity-mapped ranges translate to themselves, user-accessible, writable, no-execute; the changed
     * ranges lose user access exactly, page for page, whatever page sizes the map chose.
     */
    @Property(tries = 300)
    void identityMapAndSupervisorRanges(@ForAll("identityRanges") List<PageRanges.Range> identity, @ForAll("kernelRanges") List<PageRanges.Range> kernel,
                                        @ForAll boolean gigabytePages) {
        WordMemory memory = new WordMemory();
        long root;
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.usePool(POOL, POOL_END);
            root = AddressSpace.newTable();
            long page = gigabytePages ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;
            for (PageRanges.Range r : identity) AddressSpace.identityMap(root, r.start(), r.end(), page, AddressSpace.WRITABLE | AddressSpace.USER | AddressSpace.NO_EXECUTE);
            for (PageRanges.Range k : kernel) AddressSpace.change(root, k.start(), k.end(), AddressSpace.USER, 0);
        }
        for (long v : PageRanges.probes(identity, kernel)) {
            boolean named = identity.stream().anyMatch(r -> r.start() <= v && v < r.end());
            boolean kernelPage = kernel.stream().anyMatch(k -> k.start() <= v && v < k.end());
            Walk w = Walk.of(memory, root, v);
            if (named) {
                assertNotNull(w, "0x" + Long.toHexString(v) + " is mapped");
                assertEquals(v, w.physical(), "identity");
                assertTrue(w.writable() && w.noExecute());
                assertEquals(!kernelPage, w.user(), "0x" + Long.toHexString(v) + (kernelPage ? " supervisor-only" : " user-accessible"));
            } else if (w != null) {
                assertEquals(v, w.physical(), "what is mapped beyond the ranges (rounding to whole pages) is identity too");
            }
        }
    }

    @Test
    void mapsEveryPageSizeAndSplitsHugePagesInTheWay() {
        WordMemory memory = new WordMemory();
        long root;
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.usePool(POOL, POOL_END);
            root = AddressSpace.newTable();
            AddressSpace.map(root, 0x4000_0000L, 0x4000_0000L, AddressSpace.PAGE_1G, AddressSpace.USER);
            AddressSpace.map(root, 0xFFFF_FF80_0000_1000L, 0x1234_5000L, AddressSpace.PAGE_4K, AddressSpace.USER | AddressSpace.WRITABLE);
            AddressSpace.map(root, -AddressSpace.PAGE_2M, 0x20_0000, AddressSpace.PAGE_2M, AddressSpace.NO_EXECUTE);
            // A 4 KiB page inside the 1 GiB page: the 1 GiB page becomes 2 MiB pages, one of them 4 KiB pages.
            AddressSpace.map(root, 0x4010_0000L, 0x9000, AddressSpace.PAGE_4K, AddressSpace.WRITABLE);
        }
        assertEquals(0x1234_5678L, Walk.of(memory, root, 0xFFFF_FF80_0000_1678L).physical());
        assertTrue(Walk.of(memory, root, 0xFFFF_FF80_0000_1678L).user());
        assertNull(Walk.of(memory, root, 0xFFFF_FF80_0000_2000L));
        Walk top = Walk.of(memory, root, -8);
        assertEquals(0x3F_FFF8, top.physical());
        assertTrue(top.noExecute() && !top.user() && top.pageSize() == AddressSpace.PAGE_2M);
        assertEquals(0x9123, Walk.of(memory, root, 0x4010_0123L).physical());
        assertFalse(Walk.of(memory, root, 0x4010_0123L).user());
        Walk kept = Walk.of(memory, root, 0x7FFF_FFFFL);
        assertEquals(0x7FFF_FFFFL, kept.physical());
        assertTrue(kept.user() && kept.pageSize() == AddressSpace.PAGE_2M);
        assertEquals(AddressSpace.PAGE_4K, Walk.of(memory, root, 0x4010_1000L).pageSize());
    }
}
