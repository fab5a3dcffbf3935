package micros.frames;

import micros.magic.Memory;

/**
 * An intrusive LIFO list of free frames, in the seed's layout: a head is a u32 tag (0 = empty, 1 = has a
 * first frame) followed, at +8, by the u64 physical address of the first frame. Each free frame begins with
 * a node of the same shape telling the next frame (tag 0 at the last one). Bytes +4..+7 (padding) are never
 * written; when a tag is 0 the address beside it is written as 0 and never read.
 *
 * <p>{@code head} is the address of a list head inside the allocator structure. Kernel-Java: static
 * methods, memory through {@link Memory} only.
 */
public final class FrameList {
    /** Offset of the u64 address within a head or node. */
    static final int NEXT = 8;

    private FrameList() {}

    /** Puts {@code frame} in front of the list at {@code head}. */
    public static void push(long head, long frame) {
        takeOver(frame, head);
        Memory.write32(head, 1);
        Memory.write64(head + NEXT, frame);
    }

    /** Gives {@code frame}'s node the list at {@code head} (its first frame follows {@code frame}); the head is left as it is. */
    static void takeOver(long frame, long head) {
        int tag = Memory.read32(head);
        long first = 0;
        if (tag != 0) first = Memory.read64(head + NEXT);
        Memory.write32(frame, tag);
        Memory.write64(frame + NEXT, first);
    }

    /** Makes {@code frame}'s node say that {@code next} follows it (tag 1): how a run of frames is linked in one go. */
    static void link(long frame, long next) {
        Memory.write32(frame, 1);
        Memory.write64(frame + NEXT, next);
    }

    /** Takes the first frame off the list at {@code head}; 0 when the list is empty. */
    public static long pop(long head) {
        if (Memory.read32(head) == 0) return 0;
        long frame = Memory.read64(head + NEXT);
        int tag = Memory.read32(frame);
        long next = 0;
        if (tag != 0) next = Memory.read64(frame + NEXT);
        Memory.write32(head, tag);
        Memory.write64(head + NEXT, next);
        return frame;
    }

    /** The first frame of the list at {@code head}, without taking it; 0 when the list is empty. */
    public static long first(long head) {
        if (Memory.read32(head) == 0) return 0;
        return Memory.read64(head + NEXT);
    }

    /** How many frames the list at {@code head} holds (walks it). */
    public static long count(long head) {
        long n = 0;
        int tag = Memory.read32(head);
        long frame = Memory.read64(head + NEXT);
        while (tag != 0) {
            n++;
            tag = Memory.read32(frame);
            frame = Memory.read64(frame + NEXT);
        }
        return n;
    }

    /** Makes the list at {@code head} empty. */
    public static void clear(long head) {
        Memory.write32(head, 0);
        Memory.write64(head + NEXT, 0);
    }
}
