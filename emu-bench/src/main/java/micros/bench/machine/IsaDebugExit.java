package micros.bench.machine;

import java.util.function.IntConsumer;

/**
 * QEMU's {@code isa-debug-exit} device ({@code -device isa-debug-exit,iobase=0xf4,iosize=0x04}): a write of
 * any width to one of its four ports ends the machine. QEMU's own process then exits with
 * {@code (value << 1) | 1}; the bench reports the value itself, as {@link StopReason.DebugExit}. Reads are
 * not decoded by the device (QEMU answers them as an unassigned port: all ones).
 */
final class IsaDebugExit implements IoDevice {
    public static final int BASE = 0xF4, SIZE = 4;

    private final IntConsumer exit;

    /** {@code exit} receives the value written; the machine stops after the instruction. */
    IsaDebugExit(IntConsumer exit) { this.exit = exit; }

    @Override public boolean owns(int port) { return port >= BASE && port < BASE + SIZE; }

    @Override public int in(int port) { return 0xFFFF_FFFF; }

    @Override public void out(int port, int value) { exit.accept(value); }
}
