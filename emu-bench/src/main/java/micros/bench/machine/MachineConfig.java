package micros.bench.machine;

import java.util.List;

/** What the simulated machine is: the CPU model, RAM, the loader's command line, boot modules, the framebuffer. */
public record MachineConfig(long ram, String cmdline, List<BootModule> modules, Framebuffer framebuffer, int handoffMagic,
                            long instructionsPerApicTick, CpuModel cpu) {
    public static final int MULTIBOOT2_MAGIC = 0x36d76289;
    /** The local APIC timer's clock: one tick per this many instructions (before its divider). */
    public static final long DEFAULT_INSTRUCTIONS_PER_APIC_TICK = 1;

    public static MachineConfig defaults() {
        return new MachineConfig(128L << 20, "", List.of(), Framebuffer.DEFAULT, MULTIBOOT2_MAGIC, DEFAULT_INSTRUCTIONS_PER_APIC_TICK, CpuModel.DEFAULT);
    }

    public MachineConfig withRam(long bytes) { return new MachineConfig(bytes, cmdline, modules, framebuffer, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withCmdline(String s) { return new MachineConfig(ram, s, modules, framebuffer, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withModules(List<BootModule> m) { return new MachineConfig(ram, cmdline, List.copyOf(m), framebuffer, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withFramebuffer(Framebuffer fb) { return new MachineConfig(ram, cmdline, modules, fb, handoffMagic, instructionsPerApicTick, cpu); }
    public MachineConfig withInstructionsPerApicTick(long n) { return new MachineConfig(ram, cmdline, modules, framebuffer, handoffMagic, n, cpu); }

    public MachineConfig withCpu(CpuModel c) { return new MachineConfig(ram, cmdline, modules, framebuffer, handoffMagic, instructionsPerApicTick, c); }

    /** A loader that breaks the protocol, to test that a kernel notices. */
    public MachineConfig withHandoffMagic(int magic) { return new MachineConfig(ram, cmdline, modules, framebuffer, magic, instructionsPerApicTick, cpu); }

    public MemoryMap memoryMap() { return MemoryMap.pc(ram); }
}
