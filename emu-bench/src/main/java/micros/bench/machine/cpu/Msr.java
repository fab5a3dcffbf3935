package micros.bench.machine.cpu;

/** The model-specific registers the bench reads and writes, with their architectural numbers (Intel SDM vol. 4). */
public enum Msr {
    APIC_BASE(0x1B), EFER(0xC000_0080), STAR(0xC000_0081), LSTAR(0xC000_0082), CSTAR(0xC000_0083), FMASK(0xC000_0084),
    FS_BASE(0xC000_0100), GS_BASE(0xC000_0101), KERNEL_GS_BASE(0xC000_0102);

    private final int number;

    Msr(int number) { this.number = number; }

    /** The number {@code rdmsr} and {@code wrmsr} take in ECX. */
    public int number() { return number; }
}
