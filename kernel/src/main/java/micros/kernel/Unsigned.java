package micros.kernel;

/** Unsigned comparison of 64-bit values (addresses near 2^64), in kernel-Java: flip the sign bit, compare signed. */
public final class Unsigned {
    private Unsigned() {}

    /** a &lt; b, both unsigned. */
    public static boolean less(long a, long b) { return (a ^ Long.MIN_VALUE) < (b ^ Long.MIN_VALUE); }

    /** Whether [base, base + length) wraps past 2^64. */
    public static boolean wraps(long base, long length) { return less(base + length, base); }
}
