package micros.crosscheck.corpus;

/** A method that changes static state: each call sees the state the calls before it left. */
public final class Counter {
    private static long calls;

    private Counter() {}

    public static long next() { return ++calls; }
}
