package micros.kernel;

import micros.magic.Port;

/**
 * COM1 output for what {@code Kernel.log} cannot print: strings in memory and decimal numbers. Polls the
 * 16550's line status (transmitter empty) before each byte, as the runtime's own console routine does.
 */
public final class Console {
    static final int COM1 = 0x3F8, LINE_STATUS = COM1 + 5, TRANSMITTER_EMPTY = 0x20;

    private Console() {}

    public static void put(int c) {
        while ((Port.in8(LINE_STATUS) & TRANSMITTER_EMPTY) == 0) { }
        Port.out8(COM1, c);
    }

    /** The NUL-terminated string at {@code s}, at most 256 bytes of it. */
    public static void string(long s) {
        for (long p = s; p < s + 256; p++) {
            int c = micros.magic.Memory.read8(p);
            if (c == 0) return;
            put(c);
        }
    }

    /** {@code v} in decimal (unsigned values below 2^63). */
    public static void decimal(long v) {
        long divisor = 1;
        while (v / divisor >= 10) divisor = divisor * 10;
        while (divisor > 0) {
            put((int) ('0' + v / divisor % 10));
            divisor = divisor / 10;
        }
    }
}
