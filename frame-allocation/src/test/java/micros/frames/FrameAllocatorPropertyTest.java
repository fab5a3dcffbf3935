package micros.frames;

import static micros.frames.FrameAllocator.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import micros.frames.MemoryMaps.Region;
import micros.magic.Memory;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;
import net.jqwik.api.*;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/** Model properties of the allocator over random memory maps and random operation sequences. */
class FrameAllocatorPropertyTest {
    static final long ALLOC = FrameAllocatorTest.ALLOC;

    @Provide
    Arbitrary<List<Region>> maps() {
        return MemoryMaps.maps();
    }

    @Provide
    Arbitrary<List<Region>> mixedMaps() {
        return Arbitraries.oneOf(MemoryMaps.maps(), MemoryMaps.gigMaps());
    }

    /**
     * An operation: 0 = allocate4k, 1 = allocate2m, 2 = allocate1g, 3 = give back the held frame number
     * {@code pick}; 4 = empty the 4 KiB list, then allocate4k (a split); 5 = likewise for 2 MiB;
     * 6 = empty both, then allocate4k (a split of a 1 GiB frame when there is one).
     */
    record Op(int kind, int pick) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> kinds = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)), Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.just(2)), Tuple.of(4, Arbitraries.just(3)),
                Tuple.of(1, Arbitraries.just(4)), Tuple.of(1, Arbitraries.just(5)), Tuple.of(1, Arbitraries.just(6)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 1 << 20)).as(Op::new)
                .list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 200)
    void addedRegionsLandInTheListsTheModelSays(@ForAll("maps") List<Region> map, @ForAll boolean oneGiB,
                                                 @ForAll Random order) {
        var regions = new ArrayList<>(map);
        Collections.shuffle(regions, order);
        var memory = new SparseMemory();
        var model = new RegionModel();
        try (var m = Machine.install(new SimulatedCpu(memory))) {
            FrameAllocator.init(ALLOC, oneGiB);
            for (var region : regions) {
                FrameAllocator.addRegion(ALLOC, region.start(), region.end());
                model.add(region, oneGiB);
            }
            assertEquals(model.frames4k.size(), count4k(ALLOC));
            assertEquals(model.frames2m.size(), count2m(ALLOC));
            assertEquals(model.frames1g.size(), count1g(ALLOC));
        }
        assertEquals(model.frames4k, asSet(RawLayout.walk(memory, ALLOC + LIST_4K, 1L << 24)));
        assertEquals(model.frames2m, asSet(RawLayout.walk(memory, ALLOC + LIST_2M, 1L << 24)));
        if (oneGiB) assertEquals(model.frames1g, asSet(RawLayout.walk(memory, ALLOC + LIST_1G, 1L << 24)));
        else assertEquals(0, RawLayout.le(memory, ALLOC + LIST_1G, 4), "1 GiB list untouched without support");
        long frames = model.frames4k.size() + model.frames2m.size() + model.frames1g.size();
        assertEquals(1 + frames, memory.touchedPages(), "only the structure and one node per free frame written");
    }

    private static TreeSet<Long> asSet(List<Long> frames) {
        var set = new TreeSet<>(frames);
        assertEquals(frames.size(), set.size(), "a frame is twice in one list");
        return set;
    }

    @Property(tries = 200)
    void operationSequencesKeepEveryFrameAccountedFor(@ForAll("mixedMaps") List<Region> map, @ForAll boolean oneGiB,
                                                      @ForAll("ops") List<Op> ops) {
        var memory = new SparseMemory();
        var model = new RegionModel();
        var run = new Run(map, oneGiB);
        try (var m = Machine.install(new SimulatedCpu(memory))) {
            FrameAllocator.init(ALLOC, oneGiB);
            for (var region : map) {
                FrameAllocator.addRegion(ALLOC, region.start(), region.end());
                model.add(region, oneGiB);
            }
            run.c4 = model.frames4k.size();
            run.c2 = model.frames2m.size();
            run.c1 = model.frames1g.size();
            for (var op : ops) {
                switch (op.kind()) {
                    case 4 -> { run.drain4k(); run.allocate4k(); }
                    case 5 -> { run.drain2m(); run.allocate2m(); }
                    case 6 -> { run.drain4k(); run.drain2m(); run.allocate4k(); }
                    case 0 -> run.allocate4k();
                    case 1 -> run.allocate2m();
                    case 2 -> run.allocate1g();
                    default -> run.giveBack(op.pick());
                }
            }
            assertEquals(run.c4, count4k(ALLOC));
            assertEquals(run.c2, count2m(ALLOC));
            assertEquals(run.c1, count1g(ALLOC));
            long heldBytes = run.held.values().stream().mapToLong(Long::longValue).sum();
            Statistics.label("ops").collect(ops.size() > 10 ? "more than 10" : "up to 10");
            // The generators must reach every split (each happens about a dozen times or more in 200 tries).
            Statistics.label("split").coverage(coverage -> {
                coverage.check("2m->4k").count(c -> c >= 1);
                coverage.check("1g->2m").count(c -> c >= 1);
                coverage.check("1g->4k").count(c -> c >= 1);
            });
            assertEquals(model.bytes(), run.c4 * SIZE_4K + run.c2 * SIZE_2M + run.c1 * SIZE_1G + heldBytes,
                    "free bytes + held bytes = added bytes");
        }
        // Every free frame and every held frame: aligned, inside a region, no two overlapping.
        var all = new TreeMap<Long, Long>(run.held);
        addAll(all, RawLayout.walk(memory, ALLOC + LIST_4K, 1L << 24), SIZE_4K, map);
        addAll(all, RawLayout.walk(memory, ALLOC + LIST_2M, 1L << 24), SIZE_2M, map);
        if (oneGiB) addAll(all, RawLayout.walk(memory, ALLOC + LIST_1G, 1L << 24), SIZE_1G, map);
        long previousEnd = 0;
        for (Map.Entry<Long, Long> e : all.entrySet()) {
            assertTrue(e.getKey() >= previousEnd, "frames overlap at 0x" + Long.toHexString(e.getKey()));
            previousEnd = e.getKey() + e.getValue();
        }
    }

    /**
     * One operation sequence: the expected free counts (c4, c2, c1) follow the documented rules, each result
     * is checked against the list heads just before the call, and handed-out frames are held and marked.
     */
    static final class Run {
        final List<Region> map;
        final boolean oneGiB;
        final TreeMap<Long, Long> held = new TreeMap<>(); // frame -> size, handed out and not given back
        long c4, c2, c1;

        Run(List<Region> map, boolean oneGiB) {
            this.map = map;
            this.oneGiB = oneGiB;
        }

        long head(int list) {
            return FrameList.first(ALLOC + list);
        }

        void allocate4k() {
            long h4 = head(LIST_4K), h2 = head(LIST_2M), h1 = oneGiB ? head(LIST_1G) : 0;
            long frame = FrameAllocator.allocate4k(ALLOC);
            if (c4 > 0) { assertEquals(h4, frame, "4 KiB list head"); c4--; }
            else if (c2 > 0) { assertEquals(h2, frame, "split 2 MiB head"); c2--; c4 += 511; Statistics.label("split").collect("2m->4k"); }
            else if (c1 > 0) { assertEquals(h1, frame, "split 1 GiB head"); c1--; c2 += 511; c4 += 511; Statistics.label("split").collect("1g->4k"); }
            else { assertEquals(0, frame, "nothing left"); Statistics.label("empty").collect("4k"); }
            take(held, map, frame, SIZE_4K);
        }

        void allocate2m() {
            long h2 = head(LIST_2M), h1 = oneGiB ? head(LIST_1G) : 0;
            long frame = FrameAllocator.allocate2m(ALLOC);
            if (c2 > 0) { assertEquals(h2, frame, "2 MiB list head"); c2--; }
            else if (c1 > 0) { assertEquals(h1, frame, "split 1 GiB head"); c1--; c2 += 511; Statistics.label("split").collect("1g->2m"); }
            else { assertEquals(0, frame, "no 2 MiB frame left"); Statistics.label("empty").collect("2m"); }
            take(held, map, frame, SIZE_2M);
        }

        void allocate1g() {
            long h1 = oneGiB ? head(LIST_1G) : 0;
            long frame = FrameAllocator.allocate1g(ALLOC);
            if (c1 > 0) { assertEquals(h1, frame, "1 GiB list head"); c1--; }
            else assertEquals(0, frame, "no 1 GiB frame left");
            take(held, map, frame, SIZE_1G);
        }

        void drain4k() {
            for (long n = c4; n > 0; n--) allocate4k();
        }

        void drain2m() {
            for (long n = c2; n > 0; n--) allocate2m();
        }

        void giveBack(int pick) {
            if (held.isEmpty()) return;
            long frame = new ArrayList<>(held.keySet()).get(pick % held.size());
            long size = held.remove(frame);
            assertEquals(~frame, Memory.read64(frame), "allocator wrote into a held frame");
            assertEquals(frame ^ 0x5A5A, Memory.read64(frame + size - 8), "allocator wrote into a held frame");
            if (size == SIZE_4K) { addFrame4k(ALLOC, frame); c4++; }
            else if (size == SIZE_2M) { addFrame2m(ALLOC, frame); c2++; }
            else { addFrame1g(ALLOC, frame); c1++; }
        }
    }

    /** Checks a frame just handed out and marks its first and last 8 bytes. */
    private static void take(TreeMap<Long, Long> held, List<Region> map, long frame, long size) {
        if (frame == 0) return;
        checkPlace(frame, size, map);
        var below = held.floorEntry(frame);
        assertFalse(below != null && below.getKey() + below.getValue() > frame,
                "0x" + Long.toHexString(frame) + " overlaps a held frame");
        var above = held.ceilingEntry(frame);
        assertFalse(above != null && above.getKey() < frame + size,
                "0x" + Long.toHexString(frame) + " overlaps a held frame");
        held.put(frame, size);
        Memory.write64(frame, ~frame);
        Memory.write64(frame + size - 8, frame ^ 0x5A5A);
    }

    private static void addAll(TreeMap<Long, Long> all, List<Long> frames, long size, List<Region> map) {
        for (long frame : frames) {
            checkPlace(frame, size, map);
            assertNull(all.put(frame, size), "0x" + Long.toHexString(frame) + " both free and held, or listed twice");
        }
    }

    private static void checkPlace(long frame, long size, List<Region> map) {
        assertEquals(0, frame & (size - 1), "0x" + Long.toHexString(frame) + " not aligned to 0x" + Long.toHexString(size));
        assertNotEquals(0, frame, "frame 0 handed out");
        assertTrue(map.stream().anyMatch(r -> r.contains(frame, size)),
                "0x" + Long.toHexString(frame) + " outside every region " + map);
    }
}
