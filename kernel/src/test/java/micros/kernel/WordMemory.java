package micros.kernel;

import micros.magic.sim.SimulatedMemory;

import java.util.HashMap;
import java.util.Map;

/**
 * A sparse memory that keeps only the 8-byte words ever written (reads of others give 0): a frame list over
 * 64 GiB touches tens of thousands of frames, two words each, which 4 KiB pages per frame would make costly.
 * Reads may be confined to a window, so a test sees the code under test read outside what it was given.
 */
final class WordMemory implements SimulatedMemory {
    private final Map<Long, Long> words = new HashMap<>();
    private long readFrom = 0, readTo = -1;
    private long garbageFrom = 0, garbageTo = 0, garbage;

    /** From now on words never written in [from, to) read as {@code pattern}: memory as a machine left it, not zero. */
    WordMemory garbage(long from, long to, long pattern) {
        garbageFrom = from;
        garbageTo = to;
        garbage = pattern;
        return this;
    }

    /** From now on a read outside [from, to) throws. */
    WordMemory confineReads(long from, long to) {
        readFrom = from;
        readTo = to;
        return this;
    }

    @Override
    public long load(long address, int size) {
        if (readTo != -1 && (Long.compareUnsigned(address, readFrom) < 0 || Long.compareUnsigned(address + size, readTo) > 0))
            throw new IllegalStateException("read of " + size + " bytes at 0x" + Long.toHexString(address) + " outside [0x"
                    + Long.toHexString(readFrom) + ", 0x" + Long.toHexString(readTo) + ")");
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) byteAt(address + i) << (8 * i);
        return v;
    }

    @Override
    public void store(long address, int size, long value) {
        for (int i = 0; i < size; i++) {
            long a = address + i, word = a & -8L;
            int shift = (int) (a & 7) * 8;
            long old = words.getOrDefault(word, unwritten(word));
            words.put(word, old & ~(0xFFL << shift) | ((value >>> (8 * i)) & 0xFF) << shift);
        }
    }

    void write(long address, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) store(address + i, 1, bytes[i]);
    }

    private int byteAt(long a) {
        return (int) (words.getOrDefault(a & -8L, unwritten(a & -8L)) >>> ((a & 7) * 8)) & 0xFF;
    }

    private long unwritten(long word) { return word >= garbageFrom && word < garbageTo ? garbage : 0; }
}
