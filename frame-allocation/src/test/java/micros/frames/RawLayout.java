package micros.frames;

import java.util.ArrayList;
import java.util.List;
import micros.magic.sim.SparseMemory;

/**
 * Reads the seed's allocator layout byte by byte from a {@link SparseMemory}, without the allocator's code
 * and without the intrinsics, so tests check the bytes themselves.
 */
final class RawLayout {
    private RawLayout() {}

    static long le(SparseMemory memory, long address, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) value |= (memory.readByte(address + i) & 0xFFL) << (8 * i);
        return value;
    }

    /**
     * The frames of the list whose head is at {@code head}, first to last. Checks every tag is 0 or 1 and
     * that the address beside a 0 tag is 0; stops with an error after {@code limit} frames (a cycle).
     */
    static List<Long> walk(SparseMemory memory, long head, long limit) {
        var frames = new ArrayList<Long>();
        long at = head;
        while (true) {
            long tag = le(memory, at, 4);
            long next = le(memory, at + 8, 8);
            if (tag == 0) {
                if (next != 0) throw new AssertionError("empty tag at 0x" + Long.toHexString(at) + " beside address 0x" + Long.toHexString(next));
                return frames;
            }
            if (tag != 1) throw new AssertionError("tag " + tag + " at 0x" + Long.toHexString(at));
            frames.add(next);
            if (frames.size() > limit) throw new AssertionError("list at 0x" + Long.toHexString(head) + " longer than " + limit + " (a cycle?)");
            at = next;
        }
    }
}
