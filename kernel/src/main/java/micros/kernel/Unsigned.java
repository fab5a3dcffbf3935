package micros.kernel;

/**
 * Unsigned comparison of 64-bit values (addresses near 2^64), in kernel-Java: {@code Long.compareUnsigned},
 * which the compiler lowers to one cmp whose flags an if on the comparison branches on (jb, jae, ...).
 */
public final class Unsigned {
    private Unsigned() {}

    /** a &lt; b, both unsigned. */
    public static boolean less(long a, long b) { return Long.compareUnsigned(a, b) < 0; }

    /** Whether [base, base + length) wraps past 2^64. */
    public static boolean wraps(long base, long length) { return less(base + length, base); }
}
