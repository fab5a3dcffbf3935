package micros.crosscheck;

import micros.magic.sim.SimulatedMemory;

import java.util.function.LongUnaryOperator;

/**
 * The memory a JVM run of kernel-Java sees when it is compared with a bench run: the bytes it writes are
 * kept here (they are what the comparison checks), the bytes it reads without having written them come
 * from the guest's memory as it is before the bench runs the same call. So both sides start from the
 * same memory and the guest is never changed by the JVM run.
 */
final class OverlayMemory implements SimulatedMemory {
    private final LongUnaryOperator below;
    private final WrittenBytes written = new WrittenBytes();

    /** {@code below}: the byte at an address of the memory underneath (0..255). */
    OverlayMemory(LongUnaryOperator below) { this.below = below; }

    @Override
    public long load(long address, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) value = value << 8 | byteAt(address + i);
        return value;
    }

    @Override
    public void store(long address, int size, long value) {
        for (int i = 0; i < size; i++) written.put(address + i, (byte) (value >>> 8 * i));
    }

    private long byteAt(long address) {
        Byte b = written.get(address);
        return b != null ? b & 0xFF : below.applyAsLong(address);
    }

    /** Every byte written, with its value. */
    WrittenBytes written() { return written; }
}
