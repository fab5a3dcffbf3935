package micros.magic;

import micros.magic.sim.Machine;

/**
 * Raw physical (or, once paging is on, virtual) memory.
 *
 * <p>Reads zero-extend: {@code read8}, {@code read16} return 0..255 and 0..65535; {@code read32} returns the
 * 32 bits as an int. Writes keep the low 8/16/32 bits of their {@code int} value. Little endian, unaligned
 * accesses allowed (as on AMD64).
 *
 * <p>Lowering (address in a register {@code a}, value in {@code v}, result in {@code eax}/{@code rax}):
 * <pre>
 *   read8(a)          movzx eax, byte [a]
 *   read16(a)         movzx eax, word [a]
 *   read32(a)         mov   eax, dword [a]
 *   read64(a)         mov   rax, qword [a]
 *   write8(a, v)      mov   byte [a], v8
 *   write16(a, v)     mov   word [a], v16
 *   write32(a, v)     mov   dword [a], v32
 *   write64(a, v)     mov   qword [a], v
 *   copy(d, s, n)     memmove: if d - s (unsigned) &gt;= n:  rdi=d, rsi=s, rcx=n/8, rep movsq, rcx=n%8, rep movsb
 *                     else (overlap, d above s): a byte a turn from the end, rcx = n down to 0 (no std: the direction flag stays clear)
 *   fill(a, b, n)     rdi=a, rax=b in all eight bytes, rcx=n/8, rep stosq, then rcx=n%8, rep stosb
 * </pre>
 */
public final class Memory {
    private Memory() {}

    /** The byte at {@code address}, zero-extended (0..255). */
    public static int read8(long address) {
        return (int) Machine.current().load(address, 1);
    }

    /** The 16-bit little-endian value at {@code address}, zero-extended (0..65535). */
    public static int read16(long address) {
        return (int) Machine.current().load(address, 2);
    }

    /** The 32-bit little-endian value at {@code address}. */
    public static int read32(long address) {
        return (int) Machine.current().load(address, 4);
    }

    /** The 64-bit little-endian value at {@code address}. */
    public static long read64(long address) {
        return Machine.current().load(address, 8);
    }

    /** Stores the low 8 bits of {@code value} at {@code address}. */
    public static void write8(long address, int value) {
        Machine.current().store(address, 1, value & 0xFFL);
    }

    /** Stores the low 16 bits of {@code value} at {@code address}, little endian. */
    public static void write16(long address, int value) {
        Machine.current().store(address, 2, value & 0xFFFFL);
    }

    /** Stores the 32 bits of {@code value} at {@code address}, little endian. */
    public static void write32(long address, int value) {
        Machine.current().store(address, 4, value & 0xFFFF_FFFFL);
    }

    /** Stores {@code value} at {@code address}, little endian. */
    public static void write64(long address, long value) {
        Machine.current().store(address, 8, value);
    }

    /**
     * Copies {@code length} bytes from {@code source} to {@code destination}, correct for overlapping
     * ranges (memmove). A length of 0 does nothing; a negative length is a caller bug (on the JVM it throws).
     */
    public static void copy(long destination, long source, long length) {
        var machine = Machine.current();
        if (length < 0) throw new IllegalArgumentException("Memory.copy: negative length " + length);
        if (Long.compareUnsigned(destination - source, length) >= 0) {
            for (long i = 0; i < length; i++) machine.store(destination + i, 1, machine.load(source + i, 1));
        } else {
            for (long i = length - 1; i >= 0; i--) machine.store(destination + i, 1, machine.load(source + i, 1));
        }
    }

    /** Stores the low 8 bits of {@code value} into the {@code length} bytes starting at {@code address}. */
    public static void fill(long address, int value, long length) {
        var machine = Machine.current();
        if (length < 0) throw new IllegalArgumentException("Memory.fill: negative length " + length);
        for (long i = 0; i < length; i++) machine.store(address + i, 1, value & 0xFFL);
    }
}
