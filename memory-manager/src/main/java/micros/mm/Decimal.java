package micros.mm;

/** Numbers as decimal ASCII digits, for the screen (kernel-Java has no String to format into). */
final class Decimal {
    /** The most characters {@link #format} writes: a sign and 19 digits. */
    static final int MAX_LENGTH = 20;

    private Decimal() {}

    /** Writes {@code value} in decimal into {@code out} from index 0 ('-' first when negative); returns how many characters. */
    static int format(long value, byte[] out) {
        // Digits come out lowest first; working on the negative value covers Long.MIN_VALUE too.
        long v = value < 0 ? value : -value;
        int n = 0;
        if (value < 0) out[n++] = '-';
        int first = n;
        do {
            out[n++] = (byte) ('0' - v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = first, j = n - 1; i < j; i++, j--) {
            byte t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return n;
    }
}
