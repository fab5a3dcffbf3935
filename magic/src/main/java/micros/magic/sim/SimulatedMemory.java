package micros.magic.sim;

/** Memory as the intrinsics see it: little-endian loads and stores of 1, 2, 4 or 8 bytes. */
public interface SimulatedMemory {
    /** The {@code size}-byte little-endian value at {@code address}, zero-extended to 64 bits. */
    long load(long address, int size);

    /** Stores the low {@code size} bytes of {@code value} at {@code address}, little endian. */
    void store(long address, int size, long value);
}
