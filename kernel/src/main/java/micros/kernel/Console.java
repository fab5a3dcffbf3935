package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * COM1 output for what {@code Kernel.log} cannot print: strings in memory and decimal numbers. The
 * runtime's console routines do the writing (a transmitter-empty poll before every 16 bytes, {@code rep outsb}).
 */
public final class Console {
    /** Far longer than any string the kernel prints from memory (a module's string, a symbol's name). */
    static final int MAX_STRING = 256;

    private Console() {}

    /**
     * The NUL-terminated string at {@code s}, at most 256 bytes of it. (Its loop keeps it a call: inlined,
     * it would be copied into every rejection of a module, and they are many and never the boot's path.)
     */
    public static void string(long s) {
        long n = 0;
        while (n < MAX_STRING && Memory.read8(s + n) != 0) n++;
        Kernel.logBytes(s, n);
    }

    /** {@code v} in decimal (unsigned). */
    public static void decimal(long v) { Kernel.logDecimal(v); }
}
