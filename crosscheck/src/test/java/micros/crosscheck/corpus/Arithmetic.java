package micros.crosscheck.corpus;

/** Integer arithmetic on every type, with Java's exact semantics (wrap-around, masked shifts, division). */
public final class Arithmetic {
    private Arithmetic() {}

    public static int addInt(int a, int b) { return a + b; }
    public static int subInt(int a, int b) { return a - b; }
    public static int mulInt(int a, int b) { return a * b; }
    public static int divInt(int a, int b) { return a / b; }
    public static int remInt(int a, int b) { return a % b; }
    public static int negInt(int a) { return -a; }
    public static int shlInt(int a, int n) { return a << n; }
    public static int shrInt(int a, int n) { return a >> n; }
    public static int ushrInt(int a, int n) { return a >>> n; }
    public static int bitsInt(int a, int b) { return (a & b) ^ (a | ~b); }

    public static long addLong(long a, long b) { return a + b; }
    public static long subLong(long a, long b) { return a - b; }
    public static long mulLong(long a, long b) { return a * b; }
    public static long divLong(long a, long b) { return a / b; }
    public static long remLong(long a, long b) { return a % b; }
    public static long negLong(long a) { return -a; }
    public static long shlLong(long a, int n) { return a << n; }
    public static long shrLong(long a, int n) { return a >> n; }
    public static long ushrLong(long a, int n) { return a >>> n; }
    public static long bitsLong(long a, long b) { return (a & b) ^ (a | ~b); }

    public static int toByte(int a) { return (byte) a; }
    public static int toShort(int a) { return (short) a; }
    public static int toChar(int a) { return (char) a; }
    public static long widen(int a) { return a; }
    public static int narrow(long a) { return (int) a; }
    public static byte byteMath(byte a, byte b) { return (byte) (a * b + 1); }
    public static short shortMath(short a, short b) { return (short) (a - b); }
    public static char charMath(char a, int b) { return (char) (a + b); }
    public static boolean less(long a, long b) { return a < b; }
    public static int compare(long a, long b) { return Long.compare(a, b); }
    public static long mixed(int a, long b, short c, byte d, char e, boolean f) { return a * b + c - d * e + (f ? 1 : 0); }
}
