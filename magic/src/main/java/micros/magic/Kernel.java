package micros.magic;

import micros.magic.sim.Machine;

/**
 * The console, panic and halt.
 *
 * <p>The console is COM1. Text is written byte by byte, each char as its low 8 bits (kernel messages are
 * ASCII); nothing is added: a line ends only where the text has {@code \n}.
 *
 * <p>Lowering. {@code text} must be a String literal (an {@code ldc} right before the call); the compiler
 * emits its bytes as read-only data and passes address and length:
 * <pre>
 *   log(text)        lea rdi, [text]; mov esi, length; call micros_console_write
 *   logHex(v)        mov rdi, v; call micros_console_hex       ("0x" then exactly 16 lowercase hex digits)
 *   panic(text)      lea rdi, [text]; mov esi, length; call micros_panic   (never returns)
 *   halt()           call micros_halt                                        (never returns)
 * </pre>
 * {@code micros_console_write} polls COM1's line status register (port 0x3FD, bit 5 = transmitter empty)
 * before every 16 {@code out}s to port 0x3F8 (the kernel turns the 16550's 16-byte FIFOs on, and an empty
 * transmitter has room for all 16). {@code micros_panic} writes {@code "panic: "}, the text and
 * {@code "\n"}, then does what {@code micros_halt} does: {@code cli} and {@code hlt} in a loop.
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
