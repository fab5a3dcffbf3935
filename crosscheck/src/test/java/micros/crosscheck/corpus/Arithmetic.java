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

    /**
     * Sums of two registers stored to a third local (one lea each): long and int (wrapping at 32 bits), the
     * target among the operands, a product in rax as an operand, and the target read below the operands
     * (its old value must survive until the addition).
     */
    public static long sums(long a, long b, int c, int d) {
        long x = a + b;
        long y = b + x;
        x = y + x;
        int i = c + d;
        int j = i + i;
        long w = a * b + y;
        long z = x + (x = a + y);
        return x ^ (y << 1) ^ (z << 2) ^ (w << 3) ^ i ^ ((long) j << 32);
    }

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
