package micros.bench.machine;

import java.io.ByteArrayOutputStream;
import java.util.function.IntConsumer;

/**
 * COM1, a 16550 UART at 0x3F8 as far as a polling kernel sees it: bytes written to the transmit
 * register are collected (and passed to a listener as they come); the line status register always
 * says the transmitter is empty; the other registers keep what is written to them.
 *
 * <p>The transmitter here is infinitely fast, a real one is not: a driver may write only as many bytes
 * after seeing it empty as it holds, one without FIFOs, 16 with them (FCR bit 0). Bytes written beyond
 * that since the last line status read are counted as {@link #overruns()}: a real 16550 would lose them.
 */
public final class Serial implements IoDevice {
    public static final int BASE = 0x3F8;
    private static final int FIFO_CONTROL = 2, LINE_CONTROL = 3, LINE_STATUS = 5, THR_EMPTY = 0x20, TRANSMITTER_IDLE = 0x40;
    private static final int FIFO_ENABLE = 1, FIFO_BYTES = 16, DLAB = 0x80;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final int[] registers = new int[8];
    private IntConsumer listener = b -> { };
    private long sincePoll, overruns;

    @Override public boolean owns(int port) { return port >= BASE && port < BASE + 8; }

    public void onOutput(IntConsumer l) { listener = l; }

    @Override public void out(int port, int value) {
        int reg = port - BASE;
        boolean dlab = (registers[LINE_CONTROL] & DLAB) != 0;
        if (reg == 0 && !dlab) {
            if (++sincePoll > ((registers[FIFO_CONTROL] & FIFO_ENABLE) != 0 ? FIFO_BYTES : 1)) overruns++;
            output.write(value);
            listener.accept(value & 0xFF);
        } else {
            registers[reg] = value & 0xFF;
        }
    }

    @Override public int in(int port) {
        int reg = port - BASE;
        if (reg != LINE_STATUS) return registers[reg];
        sincePoll = 0;
        return THR_EMPTY | TRANSMITTER_IDLE;
    }

    public String text() { return output.toString(java.nio.charset.StandardCharsets.UTF_8); }

    /** Bytes written past what the transmitter held when last seen empty (with its FIFOs as FCR set them). */
    public long overruns() { return overruns; }
}
