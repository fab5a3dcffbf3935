package micros.frames;

import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * The physical frame allocator, ABI-compatible with the seed's {@code Amd64FrameAllocator}: a 56-byte
 * structure at {@code alloc} (little endian) that the kernel fills and hands to the memory manager.
 * <pre>
 *   0  u32  4 KiB list tag (0 = empty, 1 = has a first frame)    8  u64  4 KiB list first frame
 *  16  u32  2 MiB list tag                                       24  u64  2 MiB list first frame
 *  32  u32  1 GiB pages supported (0 = no, 1 = yes)
 *  40  u32  1 GiB list tag (only when supported)                 48  u64  1 GiB list first frame
 * </pre>
 * Free frames are intrusive LIFO lists ({@link FrameList}). Taking a 4 KiB frame when its list is empty
 * splits a 2 MiB frame: the caller gets its first 4 KiB, the other 511 go to the 4 KiB list. Taking a
 * 2 MiB frame when its list is empty splits a 1 GiB frame likewise (when 1 GiB pages are supported).
 *
 * <p>Addresses are physical, below 2^52 (the AMD64 limit). Frame 0 is never added (a region starting at 0
 * loses its first 4 KiB), so 0 can mean "no frame" in every result. Bad input (a misaligned frame, frame 0,
 * a 1 GiB frame without 1 GiB support, a region whose end is below its start) panics.
 *
 * <p>Kernel-Java: static methods, long arithmetic with shifts and masks (no division), plain loops,
 * memory through {@link Memory}.
 */
public final class FrameAllocator {
    /** Size of the structure in bytes. */
    public static final int SIZE = 56;
    public static final int LIST_4K = 0;
    public static final int LIST_2M = 16;
    public static final int SUPPORTS_1G = 32;
    public static final int LIST_1G = 40;

    public static final long SIZE_4K = 1L << 12;
    public static final long SIZE_2M = 1L << 21;
    public static final long SIZE_1G = 1L << 30;
    /** First address past AMD64's physical address space. */
    public static final long PHYSICAL_LIMIT = 1L << 52;


    private FrameAllocator() {}

    /** Makes {@code alloc} an allocator with no free frames; {@code oneGiBPages} says whether 1 GiB pages exist. */
    public static void init(long alloc, boolean oneGiBPages) {
        FrameList.clear(alloc + LIST_4K);
        FrameList.clear(alloc + LIST_2M);
        Memory.write32(alloc + SUPPORTS_1G, oneGiBPages ? 1 : 0);
        FrameList.clear(alloc + LIST_1G);
    }

    public static boolean supports1g(long alloc) {
        return Memory.read32(alloc + SUPPORTS_1G) != 0;
    }

    /** Gives the 4 KiB frame at {@code frame} to the allocator. */
    public static void addFrame4k(long alloc, long frame) {
        checkFrame(frame, SIZE_4K);
        FrameList.push(alloc + LIST_4K, frame);
    }

    /** Gives the 2 MiB frame at {@code frame} to the allocator. */
    public static void addFrame2m(long alloc, long frame) {
        checkFrame(frame, SIZE_2M);
        FrameList.push(alloc + LIST_2M, frame);
    }

    /** Gives the 1 GiB frame at {@code frame} to the allocator; only when 1 GiB pages are supported. */
    public static void addFrame1g(long alloc, long frame) {
        if (!supports1g(alloc)) Kernel.panic("frame allocator: 1 GiB frame added without 1 GiB page support");
        checkFrame(frame, SIZE_1G);
        FrameList.push(alloc + LIST_1G, frame);
    }

    /**
     * Gives the memory from {@code start} up to {@code end} (exclusive) to the allocator. The range is first
     * shrunk to whole 4 KiB frames (and to start at 4 KiB at the lowest, frame 0 being never added). Its
     * middle, from the first to the last 2 MiB boundary inside it, becomes 2 MiB frames; the ends outside
     * that ("scrap") become 4 KiB frames. With 1 GiB support the middle is split again: 1 GiB frames between
     * the first and last 1 GiB boundary, 2 MiB frames around them. Lower frames are handed out first.
     */
    public static void addRegion(long alloc, long start, long end) {
        if (end < start) Kernel.panic("frame allocator: region ends below its start");
        if (start < 0 || end > PHYSICAL_LIMIT) Kernel.panic("frame allocator: region outside physical memory");
        long low = alignUp(start, SIZE_4K);
        long high = alignDown(end, SIZE_4K);
        if (low == 0) low = SIZE_4K;
        if (low >= high) return;
        long low2m = alignUp(low, SIZE_2M);
        long high2m = alignDown(high, SIZE_2M);
        if (low2m >= high2m) {
            pushRange(alloc + LIST_4K, low, high - SIZE_4K, -SIZE_4K);
            return;
        }
        // Pushed top to bottom, each list getting its higher part first, so that the lowest frame ends up first.
        pushRange(alloc + LIST_4K, high2m, high - SIZE_4K, -SIZE_4K);
        long low1g = alignUp(low2m, SIZE_1G);
        long high1g = alignDown(high2m, SIZE_1G);
        if (supports1g(alloc) && low1g < high1g) {
            pushRange(alloc + LIST_2M, high1g, high2m - SIZE_2M, -SIZE_2M);
            pushRange(alloc + LIST_1G, low1g, high1g - SIZE_1G, -SIZE_1G);
            pushRange(alloc + LIST_2M, low2m, low1g - SIZE_2M, -SIZE_2M);
        } else {
            pushRange(alloc + LIST_2M, low2m, high2m - SIZE_2M, -SIZE_2M);
        }
        pushRange(alloc + LIST_4K, low, low2m - SIZE_4K, -SIZE_4K);
    }

    /** A free 4 KiB frame (splitting a 2 MiB one if need be), or 0 when there is none. */
    public static long allocate4k(long alloc) {
        long frame = FrameList.pop(alloc + LIST_4K);
        if (frame != 0) return frame;
        frame = allocate2m(alloc);
        if (frame == 0) return 0;
        pushRange(alloc + LIST_4K, frame + SIZE_4K, frame + SIZE_2M - SIZE_4K, -SIZE_4K);
        return frame;
    }

    /** A free 2 MiB frame (splitting a 1 GiB one if need be and supported), or 0 when there is none. */
    public static long allocate2m(long alloc) {
        long frame = FrameList.pop(alloc + LIST_2M);
        if (frame != 0) return frame;
        frame = allocate1g(alloc);
        if (frame == 0) return 0;
        pushRange(alloc + LIST_2M, frame + SIZE_2M, frame + SIZE_1G - SIZE_2M, -SIZE_2M);
        return frame;
    }

    /** A free 1 GiB frame, or 0 when there is none or 1 GiB pages are not supported. */
    public static long allocate1g(long alloc) {
        if (!supports1g(alloc)) return 0;
        return FrameList.pop(alloc + LIST_1G);
    }

    public static long count4k(long alloc) {
        return FrameList.count(alloc + LIST_4K);
    }

    public static long count2m(long alloc) {
        return FrameList.count(alloc + LIST_2M);
    }

    /** Free 1 GiB frames; 0 when 1 GiB pages are not supported. */
    public static long count1g(long alloc) {
        if (!supports1g(alloc)) return 0;
        return FrameList.count(alloc + LIST_1G);
    }

    /**
     * Pushes the frames from {@code next} (the highest) down to {@code low}, {@code -down} bytes apart (none
     * when {@code next} is below {@code low}). The first frame pushed takes over the list's old head; after it,
     * each frame's next is the one pushed before (the frame above it), so the loops store two words a frame and
     * read nothing. The parameters are what the loops use (not the range's end and the frame size), so that
     * only two more locals need registers.
     */
    private static void pushRange(long head, long low, long next, long down) {
        if (next < low) return;
        FrameList.takeOver(next, head);
        // `next` is the frame pushed last. Eight frames a turn, alternating two locals: a frame costs its two
        // stores and one lea (frame = next - size), and the loop's compare and branch are paid once per eight
        // frames. One frame a turn would also move `next` and compare every time: 6 instructions instead of 3.25.
        long limit = -8 * down + low; // the lowest `next` with eight frames from low below it
        if (next >= limit) do {
            long frame = next + down;
            FrameList.link(frame, next);
            next = frame + down;
            FrameList.link(next, frame);
            frame = next + down;
            FrameList.link(frame, next);
            next = frame + down;
            FrameList.link(next, frame);
            frame = next + down;
            FrameList.link(frame, next);
            next = frame + down;
            FrameList.link(next, frame);
            frame = next + down;
            FrameList.link(frame, next);
            next = frame + down;
            FrameList.link(next, frame);
        } while (next >= limit);
        // The last few (fewer than eight), one at a time.
        if (next > low) do {
            long frame = next + down;
            FrameList.link(frame, next);
            next = frame;
        } while (next > low);
        Memory.write32(head, 1);
        Memory.write64(head + FrameList.NEXT, next);
    }

    private static void checkFrame(long frame, long size) {
        if (frame == 0) Kernel.panic("frame allocator: frame 0 added");
        if ((frame & (size - 1)) != 0) {
            Kernel.log("frame allocator: misaligned frame ");
            Kernel.logHex(frame);
            Kernel.log("\n");
            Kernel.panic("frame allocator: frame not aligned to its size");
        }
        if (frame < 0 || frame > PHYSICAL_LIMIT - size) Kernel.panic("frame allocator: frame outside physical memory");
    }

    private static long alignUp(long address, long size) {
        return (address + size - 1) & -size;
    }

    private static long alignDown(long address, long size) {
        return address & -size;
    }
}
