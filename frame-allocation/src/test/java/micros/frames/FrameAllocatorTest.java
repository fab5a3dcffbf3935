package micros.frames;

import static micros.frames.FrameAllocator.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import micros.magic.KernelPanic;
import micros.magic.Memory;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;
import org.junit.jupiter.api.Test;

/** One test per rule of the allocator, on the JVM against a sparse memory. */
class FrameAllocatorTest {
    static final long ALLOC = 0x0000_0F00_0000_0040L; // far from every frame below

    final SparseMemory memory = new SparseMemory();
    final SimulatedCpu cpu = new SimulatedCpu(memory);

    void run(boolean oneGiB, Consumer<Long> body) {
        try (var m = Machine.install(cpu)) {
            FrameAllocator.init(ALLOC, oneGiB);
            body.accept(ALLOC);
        }
    }

    List<Long> list(int offset) {
        return RawLayout.walk(memory, ALLOC + offset, 1L << 22);
    }

    static List<Long> range(long low, long high, long size) {
        return LongStream.iterate(low, f -> f < high, f -> f + size).boxed().toList();
    }

    @Test
    void initWritesTheSeedLayoutAndLeavesPaddingAlone() {
        try (var m = Machine.install(cpu)) {
            Memory.fill(ALLOC, 0xAA, SIZE);
            FrameAllocator.init(ALLOC, true);
        }
        byte[] expected = new byte[SIZE];
        java.util.Arrays.fill(expected, (byte) 0);
        for (int padding : new int[] {4, 5, 6, 7, 20, 21, 22, 23, 36, 37, 38, 39, 44, 45, 46, 47}) expected[padding] = (byte) 0xAA;
        expected[32] = 1;
        for (int i = 0; i < SIZE; i++) assertEquals(expected[i], memory.readByte(ALLOC + i), "byte " + i);
        run(false, a -> assertFalse(FrameAllocator.supports1g(a)));
        assertEquals(0, RawLayout.le(memory, ALLOC + SUPPORTS_1G, 4));
    }

    @Test
    void addedFramesFormAnIntrusiveLifoList() {
        run(false, a -> {
            addFrame4k(a, 0x5000);
            addFrame4k(a, 0x9000);
        });
        assertEquals(1, RawLayout.le(memory, ALLOC, 4));
        assertEquals(0x9000, RawLayout.le(memory, ALLOC + 8, 8));
        assertEquals(1, RawLayout.le(memory, 0x9000, 4));
        assertEquals(0x5000, RawLayout.le(memory, 0x9008, 8));
        assertEquals(0, RawLayout.le(memory, 0x5000, 4));
        assertEquals(0, RawLayout.le(memory, 0x5008, 8));
        run(false, a -> {}); // init again: empty
        run(false, a -> {
            addFrame4k(a, 0x5000);
            addFrame4k(a, 0x9000);
            assertEquals(2, count4k(a));
            assertEquals(0x9000, allocate4k(a));
            assertEquals(0x5000, allocate4k(a));
            assertEquals(0, allocate4k(a));
            assertEquals(0, count4k(a));
        });
        assertEquals(List.of(), list(LIST_4K));
    }

    /**
     * Runs of every length from 1 to 40 frames (the loop links eight frames a turn, then the rest one at a
     * time), onto an empty list and onto one holding a frame: the list is the run lowest first, then what it
     * held; each frame's node is written and nothing else of it (the padding and the bytes after the node keep
     * what they held).
     */
    @Test
    void runsOfEveryLengthAroundTheUnrolledLoopAreLinkedExactly() {
        for (long size : new long[] {SIZE_4K, SIZE_2M}) {
            int offset = size == SIZE_4K ? LIST_4K : LIST_2M;
            long base = 64 * SIZE_2M, old = 8 * SIZE_2M;
            for (int n = 1; n <= 40; n++) {
                for (boolean onto : new boolean[] {false, true}) {
                    long end = base + n * size;
                    run(false, a -> {
                        for (long f = base; f < end; f += size) Memory.fill(f, 0xAA, 64);
                        if (onto) {
                            if (size == SIZE_4K) addFrame4k(a, old); else addFrame2m(a, old);
                        }
                        addRegion(a, base, end);
                    });
                    List<Long> expected = new ArrayList<>(range(base, end, size));
                    if (onto) expected.add(old);
                    String what = n + " frames of " + size + (onto ? " onto a list" : "");
                    assertEquals(expected, list(offset), what);
                    for (long f = base; f < end; f += size) {
                        for (int i = 4; i < 8; i++) assertEquals((byte) 0xAA, memory.readByte(f + i), what + ": padding of 0x" + Long.toHexString(f));
                        for (int i = 16; i < 64; i++) assertEquals((byte) 0xAA, memory.readByte(f + i), what + ": byte " + i + " of 0x" + Long.toHexString(f));
                    }
                }
            }
        }
    }

    @Test
    void emptyAllocatorHandsOutNothing() {
        run(true, a -> {
            assertEquals(0, allocate4k(a));
            assertEquals(0, allocate2m(a));
            assertEquals(0, allocate1g(a));
            assertEquals(0, count4k(a) + count2m(a) + count1g(a));
        });
    }

    @Test
    void takingA4kFrameFromAnEmptyListSplitsA2mFrame() {
        run(false, a -> {
            addFrame2m(a, 0x40_0000);
            assertEquals(0x40_0000, allocate4k(a));
            assertEquals(511, count4k(a));
            assertEquals(0, count2m(a));
            assertEquals(0x40_1000, allocate4k(a));
        });
        assertEquals(range(0x40_2000, 0x60_0000, SIZE_4K), list(LIST_4K));
    }

    @Test
    void takingA2mFrameFromAnEmptyListSplitsA1gFrameWhenSupported() {
        run(true, a -> {
            addFrame1g(a, 0x8000_0000L);
            assertEquals(0x8000_0000L, allocate2m(a));
            assertEquals(511, count2m(a));
            assertEquals(0, count1g(a));
        });
        assertEquals(range(0x8020_0000L, 0xC000_0000L, SIZE_2M), list(LIST_2M));
    }

    @Test
    void takingA4kFrameWithOnlyA1gFrameSplitsBoth() {
        run(true, a -> {
            addFrame1g(a, 0x4000_0000L);
            assertEquals(0x4000_0000L, allocate4k(a));
            assertEquals(511, count4k(a));
            assertEquals(511, count2m(a));
            assertEquals(0, count1g(a));
            assertEquals(0x4000_1000L, allocate4k(a));
            assertEquals(0x4020_0000L, allocate2m(a));
        });
    }

    @Test
    void withoutSupportThereAreNo1gFrames() {
        run(false, a -> {
            var e = assertThrows(KernelPanic.class, () -> addFrame1g(a, 0x4000_0000L));
            assertTrue(e.getMessage().contains("1 GiB"), e.getMessage());
            assertEquals(0, allocate1g(a));
            assertEquals(0, allocate2m(a));
            assertEquals(0, count1g(a));
        });
    }

    @Test
    void regionMiddleGoesTo2mFramesAndScrapTo4kFrames() {
        run(false, a -> addRegion(a, 0x1F_0800, 0x80_3456));
        var expected4k = new ArrayList<>(range(0x1F_1000, 0x20_0000, SIZE_4K));
        expected4k.addAll(range(0x80_0000, 0x80_3000, SIZE_4K));
        assertEquals(expected4k, list(LIST_4K), "lowest first, scrap of both ends");
        assertEquals(range(0x20_0000, 0x80_0000, SIZE_2M), list(LIST_2M));
    }

    @Test
    void with1gSupportTheMiddleIsSplitAgain() {
        long start = 0x3FDF_E000L, end = 0x8040_1000L;
        run(true, a -> addRegion(a, start, end));
        assertEquals(List.of(0x3FDF_E000L, 0x3FDF_F000L, 0x8040_0000L), list(LIST_4K));
        assertEquals(List.of(0x3FE0_0000L, 0x8000_0000L, 0x8020_0000L), list(LIST_2M));
        assertEquals(List.of(0x4000_0000L), list(LIST_1G));
        run(false, a -> addRegion(a, start, end));
        assertEquals(range(0x3FE0_0000L, 0x8040_0000L, SIZE_2M), list(LIST_2M));
        assertEquals(0, RawLayout.le(memory, ALLOC + LIST_1G, 4));
    }

    @Test
    void regionWithoutA2mBoundaryPairIsAll4kFrames() {
        run(true, a -> addRegion(a, 0x1F_F000, 0x20_1000));
        assertEquals(List.of(0x1F_F000L, 0x20_0000L), list(LIST_4K));
        assertEquals(List.of(), list(LIST_2M));
    }

    @Test
    void frameZeroIsNeverAdded() {
        run(true, a -> addRegion(a, 0, 0x40_0000));
        assertEquals(range(0x1000, 0x20_0000, SIZE_4K), list(LIST_4K));
        assertEquals(List.of(0x20_0000L), list(LIST_2M));
        run(true, a -> {
            var e = assertThrows(KernelPanic.class, () -> addFrame4k(a, 0));
            assertTrue(e.getMessage().contains("frame 0"), e.getMessage());
        });
    }

    @Test
    void regionsShrinkToWholeFrames() {
        run(false, a -> {
            addRegion(a, 0x1800, 0x2800); // no whole frame
            addRegion(a, 0x5000, 0x5000); // empty
            assertEquals(0, count4k(a));
            addRegion(a, 0x1_1800, 0x1_3800);
            assertEquals(1, count4k(a));
        });
        assertEquals(List.of(0x1_2000L), list(LIST_4K));
    }

    @Test
    void badInputPanicsNamingIt() {
        run(true, a -> {
            var e = assertThrows(KernelPanic.class, () -> addFrame4k(a, 0x1234));
            assertTrue(e.getMessage().contains("aligned"), e.getMessage());
            assertThrows(KernelPanic.class, () -> addFrame2m(a, 0x1000));
            assertThrows(KernelPanic.class, () -> addFrame1g(a, 0x20_0000));
            assertThrows(KernelPanic.class, () -> addFrame4k(a, PHYSICAL_LIMIT));
            e = assertThrows(KernelPanic.class, () -> addRegion(a, 0x2000, 0x1000));
            assertTrue(e.getMessage().contains("below its start"), e.getMessage());
            assertThrows(KernelPanic.class, () -> addRegion(a, 0, PHYSICAL_LIMIT + 1));
            assertThrows(KernelPanic.class, () -> addRegion(a, -4096, 0));
            assertEquals(0, count4k(a) + count2m(a) + count1g(a), "nothing was added");
        });
        assertTrue(cpu.consoleText().contains("misaligned frame 0x0000000000001234"), cpu.consoleText());
    }

    @Test
    void the1gListIsIgnoredWithoutSupportWhateverItHolds() {
        run(false, a -> {
            Memory.write32(a + LIST_1G, 1);             // a structure built elsewhere may leave anything here
            Memory.write64(a + LIST_1G + 8, 0x4000_0000L);
            Memory.write32(0x4000_0000L, 0);
            assertEquals(0, count1g(a));
            assertEquals(0, allocate1g(a));
            assertEquals(0, allocate2m(a));
            assertEquals(0, allocate4k(a));
        });
    }

    @Test
    void listsBuiltElsewhereMayLeaveAnythingBesideAnEmptyTag() {
        run(false, a -> {
            // head -> 0x7000 -> 0x3000 (end), with garbage where the ends say "no next frame"
            Memory.write32(a + LIST_4K, 1);
            Memory.write64(a + LIST_4K + 8, 0x7000);
            Memory.write32(0x7000, 1);
            Memory.write64(0x7008, 0x3000);
            Memory.write32(0x3000, 0);
            Memory.write64(0x3008, 0xDEAD_B000L);
            Memory.write32(a + LIST_2M, 0);
            Memory.write64(a + LIST_2M + 8, 0xBAD0_0000L);
            assertEquals(2, count4k(a));
            assertEquals(0, count2m(a));
            assertEquals(0x7000, allocate4k(a));
            assertEquals(0x3000, allocate4k(a));
            assertEquals(0, allocate4k(a), "the 2 MiB list is empty whatever its address says");
            addFrame2m(a, 0x20_0000);
        });
        assertEquals(List.of(), list(LIST_4K), "the emptied head reads tag 0, address 0");
        assertEquals(List.of(0x20_0000L), list(LIST_2M), "the new last node reads tag 0, address 0");
    }
}
