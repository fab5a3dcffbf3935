package micros.magic.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default simulated machine: a memory plus processor state kept in fields, which tests set up before
 * and inspect after running kernel code.
 *
 * <ul>
 * <li>Control registers start at 0; MSRs read 0 until written.</li>
 * <li>cpuid answers what {@link #setCpuid} set, and zeros for any other leaf.</li>
 * <li>Port reads answer what {@link #setPortInput} set, else all ones (as an absent ISA device does, so a
 *     poll of COM1's status register finds the transmitter empty). Port writes are recorded in order;
 *     bytes written to COM1's data port 0x3F8 also go to the console.</li>
 * <li>The console collects the text of {@code Kernel.log}/{@code logHex}/{@code panic} and COM1 writes.</li>
 * <li>{@code hlt} only counts; {@code Kernel.halt} marks the machine halted and throws {@link MachineHalted}.</li>
 * <li>rdtsc counts up by one per read.</li>
 * </ul>
 */
public class SimulatedCpu implements SimulatedMachine {
    public static final int COM1_DATA = 0x3F8;

    /** A write to an I/O port. */
    public record PortWrite(int port, int size, long value) {}

    /** A loaded descriptor-table register: base and limit. */
    public record TableRegister(long base, int limit) {}

    private final SimulatedMemory memory;
    private final long[] controlRegisters = new long[9];
    private final Map<Integer, Long> msrs = new HashMap<>();
    private final Map<Long, int[]> cpuid = new HashMap<>();
    private final Map<Integer, Long> portInputs = new HashMap<>();
    private final List<PortWrite> portWrites = new ArrayList<>();
    private final List<Long> invalidatedPages = new ArrayList<>();
    private final StringBuilder console = new StringBuilder();
    private TableRegister gdtr = new TableRegister(0, 0);
    private TableRegister idtr = new TableRegister(0, 0);
    private int taskRegister;
    private boolean interruptsEnabled;
    private boolean halted;
    private int waits;
    private long timestamp;

    /** A machine over a fresh zero-reading {@link SparseMemory}. */
    public SimulatedCpu() {
        this(new SparseMemory());
    }

    public SimulatedCpu(SimulatedMemory memory) {
        if (memory == null) throw new IllegalArgumentException("SimulatedCpu: memory is null");
        this.memory = memory;
    }

    public SimulatedMemory memory() { return memory; }

    @Override public long load(long address, int size) { return memory.load(address, size); }
    @Override public void store(long address, int size, long value) { memory.store(address, size, value); }

    @Override
    public long readControlRegister(int number) {
        return controlRegisters[checkControlRegister(number)];
    }

    @Override
    public void writeControlRegister(int number, long value) {
        controlRegisters[checkControlRegister(number)] = value;
    }

    private static int checkControlRegister(int number) {
        if (number != 0 && number != 2 && number != 3 && number != 4 && number != 8)
            throw new IllegalArgumentException("no control register CR" + number);
        return number;
    }

    @Override public long readMsr(int msr) { return msrs.getOrDefault(msr, 0L); }
    @Override public void writeMsr(int msr, long value) { msrs.put(msr, value); }

    /** Sets what cpuid(leaf, subleaf) answers. */
    public void setCpuid(int leaf, int subleaf, int eax, int ebx, int ecx, int edx) {
        cpuid.put(cpuidKey(leaf, subleaf), new int[] {eax, ebx, ecx, edx});
    }

    @Override
    public int cpuid(int leaf, int subleaf, int register) {
        if (register < 0 || register > 3) throw new IllegalArgumentException("cpuid register must be 0..3: " + register);
        var answer = cpuid.get(cpuidKey(leaf, subleaf));
        return answer == null ? 0 : answer[register];
    }

    private static long cpuidKey(int leaf, int subleaf) {
        return ((long) leaf << 32) | (subleaf & 0xFFFF_FFFFL);
    }

    @Override public void invalidatePage(long address) { invalidatedPages.add(address); }

    @Override
    public void loadGdt(long pointerAddress) {
        gdtr = new TableRegister(memory.load(pointerAddress + 2, 8), (int) memory.load(pointerAddress, 2));
    }

    @Override
    public void loadIdt(long pointerAddress) {
        idtr = new TableRegister(memory.load(pointerAddress + 2, 8), (int) memory.load(pointerAddress, 2));
    }

    @Override public void loadTaskRegister(int selector) { taskRegister = selector; }
    @Override public void setInterruptsEnabled(boolean enabled) { interruptsEnabled = enabled; }
    @Override public void waitForInterrupt() { waits++; }
    @Override public void pause() {}
    @Override public long timestamp() { return timestamp++; }

    /** Sets what reads of {@code port} answer (zero-extended to the read's width). */
    public void setPortInput(int port, long value) { portInputs.put(port, value); }

    @Override
    public long portIn(int port, int size) {
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        return portInputs.getOrDefault(port, -1L) & mask;
    }

    @Override
    public void portOut(int port, int size, long value) {
        portWrites.add(new PortWrite(port, size, value));
        if (port == COM1_DATA && size == 1) console.append((char) (value & 0xFF));
    }

    @Override
    public void console(String text) {
        for (int i = 0; i < text.length(); i++) console.append((char) (text.charAt(i) & 0xFF));
    }

    @Override
    public void halt() {
        halted = true;
        interruptsEnabled = false;
        throw new MachineHalted();
    }

    public String consoleText() { return console.toString(); }
    public List<PortWrite> portWrites() { return List.copyOf(portWrites); }
    public List<Long> invalidatedPages() { return List.copyOf(invalidatedPages); }
    public TableRegister gdtr() { return gdtr; }
    public TableRegister idtr() { return idtr; }
    public int taskRegister() { return taskRegister; }
    public boolean interruptsEnabled() { return interruptsEnabled; }
    public boolean halted() { return halted; }
    public int waits() { return waits; }
}
