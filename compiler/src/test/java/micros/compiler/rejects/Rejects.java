package micros.compiler.rejects;

import micros.magic.Kernel;

/** One method per construct kernel-Java does not have; each marks its offending line with REJECT. */
@SuppressWarnings("unused")
public final class Rejects {
    private int instanceField;
    private static Object object;
    private static final Runnable LAMBDA_HOLDER = null;

    private Rejects() {}

    public static long allocation() {
        Object o = new Object(); // REJECT allocation
        return 0;
    }

    public static int arrayAllocation(int n) {
        int[] a = new int[n]; // REJECT arrayAllocation
        return a.length;
    }

    public int instanceMethod() { return 1; }

    public static int instanceFieldRead(Rejects r) {
        return r.instanceField; // REJECT instanceFieldRead
    }

    public static int virtualCall(Rejects r) {
        return r.instanceMethod(); // REJECT virtualCall
    }

    public static int interfaceCall(Runnable r) {
        r.run(); // REJECT interfaceCall
        return 0;
    }

    public static double floating(double x) {
        return x * 2.5; // REJECT floating
    }

    public static int floatingInt(int x) {
        float f = x; // REJECT floatingInt
        return (int) f;
    }

    public static int throwing(int x) {
        if (x < 0) throw new IllegalStateException(); // REJECT throwing
        return x;
    }

    public static int catching(int x) {
        try { return 10 / x; } catch (ArithmeticException e) { return 0; } // REJECT catching
    }

    public static int synchronizedBlock(Object lock, int x) {
        synchronized (lock) { // REJECT synchronizedBlock
            return x;
        }
    }

    public static int lambda() {
        Runnable r = () -> { }; // REJECT lambda
        return 0;
    }

    public static String concat(int x) {
        Kernel.log("x=" + x); // REJECT concat
        return null;
    }

    public static int outsideCall(int a, int b) {
        return Math.max(a, b); // REJECT outsideCall
    }

    public static int stringUse() {
        String s = "not a log argument"; // REJECT stringUse
        return 0;
    }

    static final String SIXTEEN = "0123456789abcdef", LONGER_THAN_THE_CONSOLE_TAKES = SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN
            + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN + SIXTEEN;

    public static void longLiteral() {
        Kernel.log(LONGER_THAN_THE_CONSOLE_TAKES); // REJECT longLiteral
    }
}
