package micros.bench.machine.cpu;

import micros.bench.disasm.Symbols;

/**
 * The CPU as the console, the gdb server and tests see it: mode and privilege, registers, MSRs, descriptor-table
 * registers, memory through the guest's page tables or by physical address, and the kernel's symbols. The engine
 * underneath stays the machine's own.
 */
public interface CpuView {
    /** 64 in long mode with a 64-bit code segment, else 32 (the bench never runs real mode). */
    int mode();

    /** {@code 64-bit long mode, paging on}. */
    String modeName();

    /** The current privilege level, CS's low two bits. */
    int cpl();

    long reg(Register r);

    /** Writing RIP moves where the next run starts, as a debugger's {@code jump} does. */
    void setReg(Register r, long value);

    long msr(Msr m);

    TableRegister tableRegister(DescriptorTable t);

    void setTableRegister(DescriptorTable t, TableRegister value);

    /** Reads {@code length} bytes at a virtual address (through the guest's page tables when paging is on). */
    byte[] readVirtual(long address, int length);

    /** Writes bytes at a virtual address (through the guest's page tables when paging is on). */
    void writeVirtual(long address, byte[] bytes);

    /** Reads {@code length} bytes of guest RAM at a physical address (page tables, boot information). */
    byte[] readPhysical(long address, int length);

    /** The little-endian quadword at a physical address. */
    long readPhysical64(long address);

    Symbols symbols();

    /** {@code 0x101234 <symbol+0x4>: mov eax, 1}. */
    String describe(long rip);
}
