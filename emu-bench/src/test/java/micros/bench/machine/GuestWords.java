package micros.bench.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian words of guest memory at a virtual address, for tests that check what a kernel stored. */
final class GuestWords {
    private GuestWords() {}

    static long u64(Machine m, long address) {
        return ByteBuffer.wrap(m.readVirtual(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static long u32(Machine m, long address) {
        return ByteBuffer.wrap(m.readVirtual(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
    }
}
