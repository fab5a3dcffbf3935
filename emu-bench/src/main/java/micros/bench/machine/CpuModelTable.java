package micros.bench.machine;

/** {@code --cpu help}: every model with the features its CPUID reports in this Unicorn, measured now. */
public final class CpuModelTable {
    private CpuModelTable() {}

    public static String text() {
        StringBuilder s = new StringBuilder(String.format("%-20s %-20s %-9s %-3s %-8s %-7s %s%n", "--cpu", "QEMU -cpu", "long mode", "NX", "1G pages", "SYSCALL", "x2APIC"));
        for (CpuModel m : CpuModel.values()) {
            CpuFeatures f = CpuFeatures.of(m);
            s.append(String.format("%-20s %-20s %-9s %-3s %-8s %-7s %s%n", m.cliName() + (m == CpuModel.DEFAULT ? " *" : ""), m.qemuName(),
                    yes(f.longMode()), yes(f.nx()), yes(f.gibPages()), yes(f.syscall()), yes(f.x2apic())));
        }
        return s.append("* the default (QEMU's own)\n").toString();
    }

    private static String yes(boolean b) { return b ? "yes" : "no"; }
}
