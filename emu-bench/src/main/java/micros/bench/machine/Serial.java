package micros.bench.machine;

import java.io.ByteArrayOutputStream;
import java.util.function.IntConsumer;

/**
 * COM1, a 16550 UART at 0x3F8 as far as a polling kernel sees it: bytes written to the transmit
 * register are collected (and passed to a listener as they come); the line status register always
 * says the transmitter is empty; the other registers keep what is written to them.
 */
public final class Serial implements IoDevice {
    public static final int BASE = 0x3F8;
    private static final int LINE_STATUS = 5, THR_EMPTY = 0x20, TRANSMITTER_IDLE = 0x40;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final int[] registers = new int[8];
    private IntConsumer listener = b -> { };

    @Override public boolean owns(int port) { return port >= BASE && port < BASE + 8; }

    public void onOutput(IntConsumer l) { listener = l; }

    @Override public void out(int port, int value) {
        int reg = port - BASE;
        boolean dlab = (registers[3] & 0x80) != 0;
        if (reg == 0 && !dlab) {
            output.write(value);
            listener.accept(value & 0xFF);
        } else {
            registers[reg] = value & 0xFF;
        }
    }

    @Override public int in(int port) {
        int reg = port - BASE;
        return reg == LINE_STATUS ? THR_EMPTY | TRANSMITTER_IDLE : registers[reg];
    }

    public String text() { return output.toString(java.nio.charset.StandardCharsets.UTF_8); }
}
