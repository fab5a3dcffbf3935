package micros.magic.sim;

/**
 * Everything the intrinsics can touch. One method per kind of operation; widths are in bytes (1, 2, 4, 8)
 * and values are zero-extended. {@link SimulatedCpu} implements all of it; a test can override one part.
 */
public interface SimulatedMachine extends SimulatedMemory {
    long readControlRegister(int number);

    void writeControlRegister(int number, long value);

    long readMsr(int msr);

    void writeMsr(int msr, long value);

    /** The register {@code register} (0 = eax, 1 = ebx, 2 = ecx, 3 = edx) after cpuid(leaf, subleaf). */
    int cpuid(int leaf, int subleaf, int register);

    void invalidatePage(long address);

    /** lgdt: the pseudo-descriptor lives in this machine's memory at {@code pointerAddress}. */
    void loadGdt(long pointerAddress);

    void loadIdt(long pointerAddress);

    void loadTaskRegister(int selector);

    void setInterruptsEnabled(boolean enabled);

    /** hlt: wait for an interrupt. */
    void waitForInterrupt();

    void pause();

    long timestamp();

    long portIn(int port, int size);

    void portOut(int port, int size, long value);

    /** Text written to the console (COM1) by the logging intrinsics. */
    void console(String text);

    /** A system call ({@code int 0x80} from user code): on the JVM there is no kernel below, unless a test supplies one. */
    default long systemCall(long number) {
        throw new UnsupportedOperationException("system call " + number + ": no kernel serves system calls on the JVM");
    }

    /** Stops the machine for good; must not return normally (throw {@link MachineHalted} or similar). */
    void halt();
}
