package micros.crosscheck.corpus;

/**
 * Small static helpers the compiler inlines: nested, in loops and conditions, with several returns, with
 * assigned parameters, dividing (by zero too), under operand-stack entries of the caller.
 */
public final class Inlining {
    private static int counter;

    private Inlining() {}

    private static long clamp(long x, long lo, long hi) {
        if (x < lo) return lo;
        if (x > hi) return hi;
        return x;
    }

    private static int sign(int x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }
    private static int quotient(int a, int b) { return a / b; }
    private static long remainder(long a, long b) { return a % b; }
    private static long clampUnit(long a) { return clamp(a, -100, 100); }
    private static long mix(long a, long b) { return (a ^ b) * 31 + clampUnit(a); }
    private static boolean isEven(long x) { return (x & 1) == 0; }
    private static int bump(int x) { x += 3; return x * 2; }
    private static int next() { counter = counter * 3 + 1; return counter; }
    private static long pair(int x, int y) { return (long) x * 100003 - y; }
    private static long deep1(long a) { return deep2(a + 1) + a; }
    private static long deep2(long a) { return deep3(a * 2) - a; }
    private static long deep3(long a) { return deep4(a ^ 5) + a; }
    private static long deep4(long a) { long t = a * 3; return t > 0 ? t : -t; }
    private static void store(int v) { counter = v; }
    private static byte narrow(int v) { return (byte) v; }

    private static long alignUp(long x, long size) { return (x + size - 1) & -size; }
    private static long longSums(long a, long b) { return (a + b) ^ (a - b) * 3 ^ (a * b) ^ -a; }
    private static long longBits(long a, long b, int n) { return (a & b) ^ (a | b) << 1 ^ (a ^ b) << 2 ^ (a << n) ^ (a >> n) ^ (a >>> n); }
    private static int intSums(int a, int b) { return (a + b) ^ (a - b) * 3 ^ (a * b) ^ -a; }
    private static int intBits(int a, int b) { return (a & b) ^ (a | b) << 1 ^ (a ^ b) << 2 ^ (a << b) ^ (a >> b) ^ (a >>> b); }

    private static long firstOdd(long a, long b) {
        if ((a & 1) != 0) return a;
        long r = b * 3;
        if (r > 1000) return 7;
        r = r + a;
        return r;
    }
    private static long pick(long a, long b) {
        long t = a;
        if (b < 0) return t - 1;
        t = t + b;
        return t;
    }

    /** Inlined helpers called with constants (every operator on two constants, wrapping, masked shifts) and with one. */
    public static long constantArguments(long x, int n) {
        return alignUp(x, 4096) ^ alignUp(0x12345, 1L << 21) ^ longSums(Long.MIN_VALUE + 5, -3) ^ longSums(x, 7) ^ longBits(-0x1234_5678_9abcL, 0xff0f, 65)
                ^ longBits(x, 3, n) ^ intSums(Integer.MAX_VALUE, 33) ^ intSums(n, -1) ^ intBits(-7, 33) ^ intBits(0x8000_0001, n);
    }

    public static long nested(long a, long b) { return mix(mix(a, b), clampUnit(b)); }

    public static long loop(int n) {
        long s = 0;
        for (int i = 0; i < (n & 63); i++) s += sign(i - 20) * clamp(i, 5, 30);
        return s;
    }

    public static long condition(long a, long b) {
        if (isEven(a) && clamp(b, 0, 10) > 5) return a;
        return isEven(b) ? b : -b;
    }

    public static int divide(int a, int b) { return quotient(a, b) + quotient(b, 7); }
    public static long modulo(long a, long b) { return a - remainder(a, b) * 3; }
    public static int assigns(int a) { int x = bump(a); return x + bump(x) + a; }
    public static long argumentOrder(int a) { counter = a; return pair(next(), next()); }
    public static long stackBelow(long a, long b) { return a * 7 + (b - clamp(a, -5, 5)) * (sign((int) b) + 2); }
    public static int returnsInExpression(int a, int b) { return a + sign(b) * 10 + sign(a - b); }
    public static long ternaryBelow(long a, boolean f) { return (f ? a : -a) + clamp(a, 0, 9); }
    public static long deep(long a, long b) { return deep1(a) * 3 + deep1(b) + deep1(a ^ b); }
    public static int voidAndNarrow(int a) { store(a + 1); return narrow(counter) + narrow(a * 77); }

    /** Many live locals around inlined calls: the inlined bodies' locals fall back to frame slots. */
    public static long pressure(long a, long b, long c, int d) {
        long x = a + 1, y = b - 2, z = c ^ 3, w = a * b;
        long r = clamp(x, y, z) + deep1(w) + clamp(sign(d), -1, 1);
        return r + x + y + z + w;
    }

    /** Results of bodies with several returns stored straight into locals, one of them bound to a parameter. */
    public static long storesResult(long a, long b) {
        long x = clamp(a, -50, 50);
        x = clamp(x, b, x + 10);
        int s = sign((int) x);
        return x * 3 + s;
    }

    /** A result computed in the register of the local it is stored to (the body's returned local shares it). */
    public static long resultInPlace(long a, long b) {
        long x = a;
        long y = firstOdd(a, b);
        if (y != 0) x = y + x;
        y = pick(y, b);
        x = pick(b, x) ^ x;
        long z = pick(a, b - x) + y;
        return x * 5 + y * 3 + z;
    }
}
