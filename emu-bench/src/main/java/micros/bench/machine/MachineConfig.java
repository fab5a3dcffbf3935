package micros.bench.machine;

import java.util.List;

/**
 * What the simulated machine is: the CPU model, the memory (a PC's of {@code ram} bytes, or a memory map
 * given), the loader's command line, boot modules, the framebuffer, where the boot information goes
 * ({@link BootModule#LOADER_CHOOSES} or an address).
 */
public record MachineConfig(long ram, MemoryMap customMap, String cmdline, List<BootModule> modules, Framebuffer framebuffer,
                            long bootInfoAddress, int handoffMagic, long instructionsPerApicTick, CpuModel cpu) {
    public static final int MULTIBOOT2_MAGIC = 0x36d76289;
    /** The local APIC timer's clock: one tick per this many instructions (before its divider). */
    public static final long DEFAULT_INSTRUCTIONS_PER_APIC_TICK = 1;

    public static MachineConfig defaults() {
        return new MachineConfig(128L << 20, null, "", List.of(), Framebuffer.DEFAULT, BootModule.LOADER_CHOOSES, MULTIBOOT2_MAGIC,
                DEFAULT_INSTRUCTIONS_PER_APIC_TICK, CpuModel.DEFAULT);
    }

    /** A PC's memory map with {@code bytes} of RAM (replacing a map given before). */
    public MachineConfig withRam(long bytes) { return new MachineConfig(bytes, null, cmdline, modules, framebuffer, bootInfoAddress, handoffMagic, instructionsPerApicTick, cpu); }
    /** This memory map instead of a PC's ({@link MemoryMap#of}): RAM only where it says. */
    public MachineConfig withMemoryMap(MemoryMap m) { return new MachineConfig(m.ram(), m, cmdline, modules, framebuffer, bootInfoAddress, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withCmdline(String s) { return new MachineConfig(ram, customMap, s, modules, framebuffer, bootInfoAddress, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withModules(List<BootModule> m) { return new MachineConfig(ram, customMap, cmdline, List.copyOf(m), framebuffer, bootInfoAddress, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withFramebuffer(Framebuffer fb) { return new MachineConfig(ram, customMap, cmdline, modules, fb, bootInfoAddress, handoffMagic, instructionsPerApicTick, cpu); }
    /** The boot information at physical {@code at} (8-byte aligned) instead of where the loader would put it. */
    public MachineConfig withBootInfoAddress(long at) { return new MachineConfig(ram, customMap, cmdline, modules, framebuffer, at, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withInstructionsPerApicTick(long n) { return new MachineConfig(ram, customMap, cmdline, modules, framebuffer, bootInfoAddress, handoffMagic, n, cpu); }

    public MachineConfig withCpu(CpuModel c) { return new MachineConfig(ram, customMap, cmdline, modules, framebuffer, bootInfoAddress, handoffMagic, instructionsPerApicTick, c); }

    /** A loader that breaks the protocol, to test that a kernel notices. */
    public MachineConfig withHandoffMagic(int magic) { return new MachineConfig(ram, customMap, cmdline, modules, framebuffer, bootInfoAddress, magic, instructionsPerApicTick, cpu); }

    public MemoryMap memoryMap() { return customMap != null ? customMap : MemoryMap.pc(ram); }
}
