package micros.kernel;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Page tables built by kernel-Java, read back by an independent walk. */
class AddressSpaceTest {
    static final long POOL = 0x10_0000, POOL_END = 0x30_0000;
    static final long FLAGS = AddressSpace.WRITABLE | AddressSpace.USER | AddressSpace.NO_EXECUTE;

    @Provide
    Arbitrary<List<PageRanges.Range>> identityRanges() { return PageRanges.identity(); }

    /** Identity-mapped ranges translate to themselves, user-accessible, writable, no-execute, in pages of the size asked for. */
    @Property(tries = 300)
    void identityMapTranslatesEveryRangeToItself(@ForAll("identityRanges") List<PageRanges.Range> identity, @ForAll boolean gigabytePages) {
        WordMemory memory = new WordMemory();
        long root;
        long page = gigabytePages ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.usePool(POOL, POOL_END);
            root = AddressSpace.newTable();
            for (PageRanges.Range r : identity) AddressSpace.identityMap(root, r.start(), r.end(), page, FLAGS);
        }
        for (long v : PageRanges.probes(identity, List.of())) {
            boolean named = identity.stream().anyMatch(r -> r.start() <= v && v < r.end());
            Walk w = Walk.of(memory, root, v);
            if (named) {
                assertNotNull(w, "0x" + Long.toHexString(v) + " is mapped");
                assertEquals(v, w.physical(), "identity");
                assertTrue(w.writable() && w.noExecute() && w.user());
                assertEquals(page, w.pageSize());
            } else if (w != null) {
                assertEquals(v, w.physical(), "what is mapped beyond the ranges (rounding to whole pages) is identity too");
                boolean near = identity.stream().anyMatch(r -> (r.start() & -page) <= v && v < r.end() + page);
                assertTrue(near, "0x" + Long.toHexString(v) + " is mapped only by rounding a range out to whole pages");
            }
        }
    }

    /** {@code fill} writes exactly its entries, each the last plus the step: not one before or after. */
    @Property(tries = 200)
    void fillWritesExactlyItsEntries(@ForAll @IntRange(min = 0, max = 511) int first, @ForAll @IntRange(min = 0, max = 600) int count, @ForAll long value, @ForAll long step) {
        WordMemory memory = new WordMemory();
        long table = 0x8000, entry = table + 8L * first;
        for (long a = table - 64; a < entry + 8L * count + 64; a += 8) memory.store(a, 8, 0x5A5A_5A5A_5A5A_5A5AL);
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.fill(entry, count, value, step);
        }
        for (long a = table - 64; a < entry + 8L * count + 64; a += 8) {
            long k = (a - entry) / 8;
            long expected = a >= entry && k < count ? value + k * step : 0x5A5A_5A5A_5A5A_5A5AL;
            assertEquals(expected, memory.load(a, 8), "entry at 0x" + Long.toHexString(a));
        }
    }

    @Test
    void leafTablesAreMadeOnceAndNoneUnderALargePage() {
        WordMemory memory = new WordMemory();
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            AddressSpace.usePool(POOL, POOL_END);
            long root = AddressSpace.newTable();
            long pt = AddressSpace.leafTable(root, 0xFFFF_FF80_0000_1000L, 12);
            assertEquals(4, AddressSpace.tables, "the root, then a PDPT, a PD and a PT");
            assertEquals(pt, AddressSpace.leafTable(root, 0xFFFF_FF80_001F_F000L, 12), "the same 2 MiB: the same table");
            assertEquals(4, AddressSpace.tables);
            long pd = AddressSpace.leafTable(root, 0xFFFF_FF80_0000_0000L, 21);
            assertEquals(pt | AddressSpace.PRESENT | AddressSpace.WRITABLE | AddressSpace.USER, memory.load(pd, 8), "the PD's first entry: the PT");
            AddressSpace.identityMap(root, 1L << 30, 2L << 30, AddressSpace.PAGE_1G, FLAGS);
            assertEquals(0, AddressSpace.leafTable(root, (1L << 30) + 0x5000, 12), "a 1 GiB page maps it already");
            Walk w = Walk.of(memory, root, (1L << 30) + 0x5123);
            assertEquals((1L << 30) + 0x5123, w.physical());
            assertEquals(AddressSpace.PAGE_1G, w.pageSize());
        }
    }
}
