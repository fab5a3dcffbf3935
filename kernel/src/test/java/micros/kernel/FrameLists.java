package micros.kernel;

import micros.frames.FrameAllocator;
import micros.magic.Memory;

import java.util.ArrayList;
import java.util.List;

/** Reads the frame allocator's lists as the memory manager would: every frame with its size. */
final class FrameLists {
    record Frame(long address, long size) {
        long end() { return address + size; }
    }

    private FrameLists() {}

    static List<Frame> all(long alloc) {
        List<Frame> out = new ArrayList<>();
        walk(alloc + FrameAllocator.LIST_4K, FrameAllocator.SIZE_4K, out);
        walk(alloc + FrameAllocator.LIST_2M, FrameAllocator.SIZE_2M, out);
        if (Memory.read32(alloc + FrameAllocator.SUPPORTS_1G) != 0) walk(alloc + FrameAllocator.LIST_1G, FrameAllocator.SIZE_1G, out);
        return out;
    }

    private static void walk(long head, long size, List<Frame> out) {
        int tag = Memory.read32(head);
        long next = Memory.read64(head + 8);
        while (tag == 1) {
            out.add(new Frame(next, size));
            if (out.size() > 50_000_000) throw new AssertionError("a frame list does not end (a cycle?)");
            tag = Memory.read32(next);
            next = Memory.read64(next + 8);
        }
    }
}
