package micros.magic;

import micros.magic.sim.Machine;

/**
 * The console, panic and halt.
 *
 * <p>The console is COM1. Text is written byte by byte, each char as its low 8 bits (kernel messages are
 * ASCII); nothing is added: a line ends only where the text has {@code \n}.
 *
 * <p>Lowering. {@code text} must be a String literal (an {@code ldc} right before the call); the compiler
 * emits its bytes as read-only data after a 32-bit length (and before a NUL), and passes their address:
 * <pre>
 *   log(text)            lea rdi, [text]; call micros.runtime.puts         (the length at [rdi - 4])
 *   logHex(v)            mov rdi, v; call micros.runtime.putHex            ("0x" then exactly 16 lowercase hex digits)
 *   logDecimal(v)        mov rdi, v; call micros.runtime.putDecimal        (unsigned, no leading zeros)
 *   logBytes(a, n)       mov rdi, a; mov rcx, n; call micros.runtime.putBytes
 *   panic(text)          lea rdi, [text]; call micros.runtime.panic       (never returns)
 *   halt()               jmp micros.runtime.halt                           (never returns)
 * </pre>
 * Every routine writes with {@code rep outsb}, up to 16 bytes after each poll of COM1's line status register
 * (port 0x3FD, bit 5 = transmitter empty): the kernel turns the 16550's 16-byte FIFOs on, and an empty
 * transmitter has room for all 16. {@code micros.runtime.panic} writes {@code "panic: "}, the text and
 * {@code "\n"}, then does what {@code micros.runtime.halt} does: {@code cli} and {@code hlt} in a loop.
 */
public final class Kernel {
    private Kernel() {}

    /** Writes {@code text} (a String literal) to the console. */
    public static void log(String text) {
        Machine.current().console(text);
    }

    /** Writes {@code value} to the console as {@code 0x} and 16 lowercase hex digits. */
    public static void logHex(long value) {
        Machine.current().console(hex(value));
    }

    /** Writes {@code value} to the console in decimal, read as unsigned, without leading zeros. */
    public static void logDecimal(long value) {
        Machine.current().console(Long.toUnsignedString(value));
    }

    /** Writes the {@code count} bytes at {@code address} to the console (none when {@code count} is 0). */
    public static void logBytes(long address, long count) {
        var text = new StringBuilder();
        for (long i = 0; i < count; i++) text.append((char) Memory.read8(address + i));
        Machine.current().console(text.toString());
    }

    /**
     * Reports {@code message} (a String literal) on the console and stops the machine for good.
     * On the JVM the machine writes the same text and then throws {@link KernelPanic}.
     */
    public static void panic(String message) {
        var machine = Machine.current();
        machine.console("panic: " + message + "\n");
        throw new KernelPanic(message);
    }

    /** Stops the machine for good (interrupts off, halted). On the JVM the simulated machine decides how. */
    public static void halt() {
        Machine.current().halt();
    }

    /** The text {@code logHex} writes for {@code value}. */
    private static String hex(long value) {
        var digits = Long.toHexString(value);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }
}
