package micros.crosscheck.corpus;

/** Static fields of every type and static arrays, initialized at build time by the class initializer. */
public final class Statics {
    private static long counter = 41;
    private static int word = -5;
    private static short half = 1234;
    private static char letter = 'x';
    private static byte small = -3;
    private static boolean flag = true;
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    private static final long[] SQUARES = new long[16];
    private static final byte[] BYTES = {-1, 0, 1, 127, -128};
    private static final char[] CHARS = "kernel".toCharArray();
    private static final short[] SHORTS = {-32768, 32767, 0};
    private static final boolean[] BITS = {true, false, true};

    static {
        for (int i = 0; i < SQUARES.length; i++) SQUARES[i] = (long) i * i;
    }

    private Statics() {}

    public static long initial() { return counter + word + half + letter + small + (flag ? 1000 : 0); }
    public static long roundTrip(long v) {
        long saved = counter;
        counter = v; word = (int) v; half = (short) v; letter = (char) v; small = (byte) v; flag = (v & 1) != 0;
        long r = counter ^ word ^ half ^ letter ^ small ^ (flag ? 1 : 0);
        counter = saved;
        return r;
    }
    public static int prime(int i) { return PRIMES[i]; }
    public static int primesLength() { return PRIMES.length; }
    public static long square(int i) { return SQUARES[i]; }
    public static long sumArrays() {
        long s = 0;
        for (byte b : BYTES) s += b;
        for (char c : CHARS) s += c;
        for (short h : SHORTS) s += h;
        for (boolean b : BITS) s += b ? 1 : 0;
        return s;
    }
    public static long swapPrimes(int i, int j) {
        int t = PRIMES[i]; PRIMES[i] = PRIMES[j]; PRIMES[j] = t;
        long r = PRIMES[i] * 100L + PRIMES[j];
        PRIMES[j] = PRIMES[i]; PRIMES[i] = t;
        return r;
    }
}
