package micros.crosscheck.corpus;

/** Every branch and switch form, loops and the conditional operator. */
public final class Branches {
    private Branches() {}

    public static int sign(int a) { if (a < 0) return -1; else if (a == 0) return 0; return 1; }
    public static int compareAll(int a, int b) {
        int r = 0;
        if (a == b) r |= 1;
        if (a != b) r |= 2;
        if (a < b) r |= 4;
        if (a <= b) r |= 8;
        if (a > b) r |= 16;
        if (a >= b) r |= 32;
        return r;
    }
    public static int zeroTests(int a) { return (a == 0 ? 1 : 0) + (a != 0 ? 2 : 0) + (a < 0 ? 4 : 0) + (a > 0 ? 8 : 0) + (a <= 0 ? 16 : 0) + (a >= 0 ? 32 : 0); }
    public static int longCompare(long a, long b) { return a < b ? -7 : a > b ? 7 : 0; }
    /** Long.compareUnsigned against 0 branches on its cmp's flags with unsigned conditions; compared otherwise, its value. */
    public static int unsignedCompareAll(long a, long b) {
        int r = 0;
        if (Long.compareUnsigned(a, b) == 0) r |= 1;
        if (Long.compareUnsigned(a, b) != 0) r |= 2;
        if (Long.compareUnsigned(a, b) < 0) r |= 4;
        if (Long.compareUnsigned(a, b) <= 0) r |= 8;
        if (Long.compareUnsigned(a, b) > 0) r |= 16;
        if (Long.compareUnsigned(a, b) >= 0) r |= 32;
        if (Long.compareUnsigned(a, 5) < 0) r |= 64;
        if (Long.compareUnsigned(0, b) < 0) r |= 128;
        if (Long.compareUnsigned(a, b) == 1) r |= 256;
        return r + (Long.compareUnsigned(b, a) << 12);
    }
    /** compareUnsigned's value at a join of the conditional operator, and in arithmetic. */
    public static int unsignedCompareJoined(long a, long b, int c) { return (c > 0 ? c : Long.compareUnsigned(a, b)) + 3 * (c < 0 ? Long.compareUnsigned(b, a) : c) + Long.compareUnsigned(a, 1) * 5; }
    static boolean unsignedLess(long a, long b) { return Long.compareUnsigned(a, b) < 0; }
    /** The same through a small method returning the comparison, inlined into conditions. */
    public static int unsignedLessInlined(long a, long b) { return (unsignedLess(a, b) ? 1 : 0) + (unsignedLess(b, a) && a != 7 ? 2 : 0) + (unsignedLess(a, a) ? 4 : 0); }
    public static int dense(int k) {
        switch (k) {
            case 0: return 10;
            case 1: return 11;
            case 2: return 12;
            case 3: return 13;
            case 5: return 15;
            default: return -1;
        }
    }
    public static int sparse(int k) {
        return switch (k) {
            case -1000 -> 1;
            case 7 -> 2;
            case 1 << 20 -> 3;
            case Integer.MIN_VALUE -> 4;
            default -> 0;
        };
    }
    public static long sumTo(int n) { long s = 0; for (int i = 0; i < n && i < 100_000; i++) s += i; return s; }
    public static int collatz(long n) {
        int steps = 0;
        if (n <= 0) return -1;
        while (n != 1 && steps < 10_000) { n = (n & 1) == 0 ? n / 2 : 3 * n + 1; steps++; }
        return steps;
    }
    public static int doWhile(int n) { int i = 0; do { i += 3; } while (i < n && i < 1_000_000); return i; }

    /** x = C; if (c) x = ...: C stored only where the branch is taken; not where the code read x first. */
    public static long constantsOnBranches(long a, int b) {
        long x = 7;
        if (b > 3) x = a * 3;
        int y = -1;
        if (a != b) y = b + 1;
        long z = 0;
        if ((a & 1) == 0) z = z + a;
        int w = 0;
        if (b < 0) { w = b; w = w * 2; }
        return x + y + z + w;
    }

    /** The same in a loop: the stub jumps back into the loop body. */
    public static long constantsInLoop(int n) {
        long s = 0;
        for (int i = 0; i < (n & 31); i++) {
            long t = 5;
            if ((i & 1) != 0) t = i * 2L;
            s += t;
        }
        return s;
    }
}
