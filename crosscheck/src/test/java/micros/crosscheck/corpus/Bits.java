package micros.crosscheck.corpus;

/** The Integer/Long helpers compiled as intrinsics. */
public final class Bits {
    private Bits() {}

    public static int cmpU(int a, int b) { return Integer.compareUnsigned(a, b); }
    public static int cmpUL(long a, long b) { return Long.compareUnsigned(a, b); }
    public static int divU(int a, int b) { return Integer.divideUnsigned(a, b); }
    public static long divUL(long a, long b) { return Long.divideUnsigned(a, b); }
    public static int remU(int a, int b) { return Integer.remainderUnsigned(a, b); }
    public static long remUL(long a, long b) { return Long.remainderUnsigned(a, b); }
    public static int nlz(int a) { return Integer.numberOfLeadingZeros(a); }
    public static int nlzL(long a) { return Long.numberOfLeadingZeros(a); }
    public static int ntz(int a) { return Integer.numberOfTrailingZeros(a); }
    public static int ntzL(long a) { return Long.numberOfTrailingZeros(a); }
    public static int pop(int a) { return Integer.bitCount(a); }
    public static int popL(long a) { return Long.bitCount(a); }
    public static int rol(int a, int n) { return Integer.rotateLeft(a, n); }
    public static long rorL(long a, int n) { return Long.rotateRight(a, n); }
    public static int hob(int a) { return Integer.highestOneBit(a); }
    public static long lobL(long a) { return Long.lowestOneBit(a); }
    public static long hobL(long a) { return Long.highestOneBit(a); }
}
