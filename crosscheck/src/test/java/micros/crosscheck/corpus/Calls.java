package micros.crosscheck.corpus;

/** Static calls: recursion, many arguments, mixed types. */
public final class Calls {
    private Calls() {}

    public static long fib(int n) { return n < 2 ? n : n > 20 ? -1 : fib(n - 1) + fib(n - 2); }
    public static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }
    public static long six(long a, int b, long c, int d, long e, int f) { return a - b + c * d - e + f; }
    public static int twice(int a) { return helper(helper(a)); }
    private static int helper(int a) { return a * 3 + 1; }
    /** Two locals, so kept in registers pushed around calls, the first parameter in rdi: passed again in other positions. */
    public static long firstAcrossCalls(long a, long b) {
        b = gcd(b & 0xffff, a & 0xffff) + a;
        if (b > 0) return b + depth((int) (a & 15)) + a;
        return gcd(a & 1023, 17) - gcd(3, a) - a;
    }

    /** A leaf whose first parameter stays in rdi. */
    public static int firstInLeaf(int a, int b) { return (a ^ b) + (a >>> 3) - b * a; }

    public static long depth(int n) { return n <= 0 || n > 2000 ? 0 : 1 + depth(n - 1); }
}
