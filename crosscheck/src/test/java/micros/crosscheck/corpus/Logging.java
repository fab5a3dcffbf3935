package micros.crosscheck.corpus;

import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * The console's routines: literals of lengths around the 16 bytes written after each poll of the
 * transmitter, numbers in hex and decimal (every width of value), bytes from memory of any count up to 40.
 */
public final class Logging {
    /** Scratch RAM past {@link Pointers}'s slots. */
    static final long BASE = Pointers.BASE + 0x400;

    private Logging() {}

    public static void literal(int which) {
        switch (which & 7) {
            case 0 -> Kernel.log("");
            case 1 -> Kernel.log("x");
            case 2 -> Kernel.log("fifteen bytes..");
            case 3 -> Kernel.log("sixteen bytes...");
            case 4 -> Kernel.log("seventeen bytes..");
            case 5 -> Kernel.log("thirty-two bytes: two chunks....");
            case 6 -> Kernel.log("thirty-three bytes: three chunks.");
            default -> Kernel.log("a line of a hundred bytes, the longest of these, in seven chunks of sixteen and a last one of four\n");
        }
    }

    public static void hex(long v) { Kernel.logHex(v); }

    public static void decimal(long v) { Kernel.logDecimal(v); }

    public static void mixed(long v, int w) {
        Kernel.log("[");
        Kernel.logDecimal(v);
        Kernel.log(" ");
        Kernel.logHex(w);
        Kernel.log(" ");
        Kernel.logDecimal(w & 0xFFFF_FFFFL);
        Kernel.log("]\n");
    }

    /** {@code count & 63} printable bytes made from {@code v} (none past 40: the scratch holds 40). */
    public static void bytes(long v, int count) {
        for (int i = 0; i < 40; i++) Memory.write8(BASE + i, 0x20 + (int) (v >>> (i % 58) & 0x3F));
        int n = count & 63;
        if (n > 40) n = 40;
        Kernel.logBytes(BASE, n);
    }
}
