package micros.bench.machine;

import java.util.Locale;

/**
 * The x86 CPU models Unicorn emulates, in the order of {@code enum uc_cpu_x86} (unicorn/x86.h), so that a
 * model's ordinal is its Unicorn number. Names are QEMU's, lower-case with dashes ({@code skylake-server});
 * {@link #qemuName} is what QEMU's {@code -cpu} takes. The default is QEMU's own, {@code qemu64}.
 */
public enum CpuModel {
    QEMU64("qemu64"), PHENOM("phenom"), CORE2DUO("core2duo"), KVM64("kvm64"), QEMU32("qemu32"), KVM32("kvm32"),
    COREDUO("coreduo"), I486("486"), PENTIUM("pentium"), PENTIUM2("pentium2"), PENTIUM3("pentium3"), ATHLON("athlon"),
    N270("n270"), CONROE("Conroe"), PENRYN("Penryn"), NEHALEM("Nehalem"), WESTMERE("Westmere"), SANDYBRIDGE("SandyBridge"),
    IVYBRIDGE("IvyBridge"), HASWELL("Haswell"), BROADWELL("Broadwell"), SKYLAKE_CLIENT("Skylake-Client"),
    SKYLAKE_SERVER("Skylake-Server"), CASCADELAKE_SERVER("Cascadelake-Server"), COOPERLAKE("Cooperlake"),
    ICELAKE_CLIENT("Icelake-Client"), ICELAKE_SERVER("Icelake-Server"), DENVERTON("Denverton"), SNOWRIDGE("Snowridge"),
    KNIGHTSMILL("KnightsMill"), OPTERON_G1("Opteron_G1"), OPTERON_G2("Opteron_G2"), OPTERON_G3("Opteron_G3"),
    OPTERON_G4("Opteron_G4"), OPTERON_G5("Opteron_G5"), EPYC("EPYC"), DHYANA("Dhyana"), EPYC_ROME("EPYC-Rome");

    public static final CpuModel DEFAULT = QEMU64;

    private final String qemuName;

    CpuModel(String qemuName) { this.qemuName = qemuName; }

    /** The number Unicorn's UC_CTL_CPU_MODEL takes. */
    public int unicornId() { return ordinal(); }

    /** QEMU's name for it, as {@code qemu-system-x86_64 -cpu} takes it. */
    public String qemuName() { return qemuName; }

    /** The name {@code --cpu} takes: QEMU's, lower-case, with dashes. */
    public String cliName() { return qemuName.toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The model called {@code name} (as {@link #cliName} or QEMU spells it, any case); a one-line error naming it otherwise. */
    public static CpuModel named(String name) {
        for (CpuModel m : values()) if (m.cliName().equalsIgnoreCase(name) || m.qemuName().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("--cpu " + name + ": no CPU model '" + name + "' (--cpu help lists them)");
    }

    @Override public String toString() { return cliName(); }
}
