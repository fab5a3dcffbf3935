package micros.crosscheck.corpus;

import micros.magic.Memory;

/**
 * Static state and memory written through loops, arrays and inlined callees, as a kernel's tables are. Most
 * methods return nothing: only the state they leave shows whether their stores happened.
 */
public final class Tables {
    /** Free RAM in the bench, beside {@link Pointers}' area. */
    static final long AREA = 0x710000;

    private static final long[] SLOTS = new long[16];
    private static final int[] COUNTS = new int[8];
    private static final short[] MARKS = new short[4];
    private static final byte[] FLAGS = new byte[32];
    private static long total;
    private static int writes;

    private Tables() {}

    /** Inlined: two static stores, one of them to an array element. */
    private static void bump(int i) {
        COUNTS[i & 7]++;
        writes++;
    }

    /** Inlined: a memory store and a static one. */
    private static void put(long at, long v) {
        Memory.write64(at, v);
        total += v;
    }

    public static void record(int i, long v) {
        SLOTS[i & 15] = v;
        bump(i);
    }

    public static void fill(int n, long v) {
        for (int i = 0; i < (n & 15); i++) {
            SLOTS[i] = v + i;
            bump(i);
        }
    }

    public static void spread(int n, long v) {
        for (int i = 0; i < (n & 31); i++) put(AREA + 8L * i, v * i);
    }

    public static void mark(int i, int v) {
        MARKS[i & 3] = (short) v;
        FLAGS[(i * 7) & 31] = (byte) (v >> 4);
        Memory.write16(AREA + 512 + 2L * (i & 63), v);
        Memory.write8(AREA + 640 + (i & 63), v >> 8);
    }

    /** Reads what the guest holds (the JVM side sees the same memory), sums it into a static. */
    public static long gather(int n) {
        long s = 0;
        for (int i = 0; i < (n & 31); i++) s += Memory.read64(AREA + 8L * i);
        total ^= s;
        return s;
    }

    public static void clear(int n) {
        Memory.fill(AREA, 0, n & 255);
        for (int i = 0; i < COUNTS.length; i++) COUNTS[i] = 0;
    }

    public static long sum() {
        long s = total + writes;
        for (long x : SLOTS) s += x;
        for (int c : COUNTS) s = s * 3 + c;
        return s;
    }
}
