package micros.magic.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * A sparse physical memory: 4 KiB pages made on first write, kept in a map, so a test can use addresses
 * anywhere in the 64-bit space and pay only for the pages it touches.
 *
 * <p>Reading a page never written gives zeros, unless the memory is {@linkplain #strict() strict}, in which
 * case it throws: useful to catch code reading memory it never set up. An optional {@code limit} makes
 * every access at or above it an error (a machine with that much RAM).
 */
public final class SparseMemory implements SimulatedMemory {
    public static final int PAGE_SIZE = 4096;

    private final Map<Long, byte[]> pages = new HashMap<>();
    private final boolean strict;
    private final long limit;

    /** Zero-reading memory with no limit. */
    public SparseMemory() {
        this(false, -1L);
    }

    private SparseMemory(boolean strict, long limit) {
        this.strict = strict;
        this.limit = limit;
    }

    /** Memory whose reads of never-written pages throw. */
    public static SparseMemory strict() {
        return new SparseMemory(true, -1L);
    }

    /** Memory of {@code limit} bytes (addresses 0..limit-1, unsigned); reads of unwritten pages give 0. */
    public static SparseMemory ofSize(long limit) {
        if (limit <= 0) throw new IllegalArgumentException("SparseMemory.ofSize: size must be positive: " + limit);
        return new SparseMemory(false, limit);
    }

    @Override
    public long load(long address, int size) {
        checkSize(size);
        long value = 0;
        for (int i = 0; i < size; i++) value |= (readByte(address + i) & 0xFFL) << (8 * i);
        return value;
    }

    @Override
    public void store(long address, int size, long value) {
        checkSize(size);
        for (int i = 0; i < size; i++) writeByte(address + i, (byte) (value >>> (8 * i)));
    }

    /** The byte at {@code address} as the memory holds it. */
    public byte readByte(long address) {
        checkLimit(address);
        var page = pages.get(address >>> 12);
        if (page == null) {
            if (strict) throw new IllegalStateException("read of never-written memory at " + hex(address));
            return 0;
        }
        return page[(int) (address & (PAGE_SIZE - 1))];
    }

    public void writeByte(long address, byte value) {
        checkLimit(address);
        pages.computeIfAbsent(address >>> 12, k -> new byte[PAGE_SIZE])[(int) (address & (PAGE_SIZE - 1))] = value;
    }

    /** Whether any byte of the 4 KiB page holding {@code address} was ever written. */
    public boolean isTouched(long address) {
        return pages.containsKey(address >>> 12);
    }

    /** How many 4 KiB pages have been written to. */
    public int touchedPages() {
        return pages.size();
    }

    private void checkLimit(long address) {
        if (limit > 0 && Long.compareUnsigned(address, limit) >= 0)
            throw new IllegalStateException("access at " + hex(address) + " beyond memory size " + hex(limit));
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8)
            throw new IllegalArgumentException("access size must be 1, 2, 4 or 8 bytes: " + size);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
