package micros.bench.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory map of a PC with {@code ram} bytes: conventional memory below the EBDA, the VGA/BIOS hole,
 * RAM from 1 MiB with ACPI tables at its top, a PCI hole below 4 GiB, and the rest of RAM above 4 GiB.
 */
public record MemoryMap(long ram, List<MemoryRegion> regions) {
    public static final long EBDA = 0x9FC00, ONE_MIB = 0x10_0000, PCI_HOLE = 0xC000_0000L, FOUR_GIB = 1L << 32;
    public static final long ACPI_RECLAIM_SIZE = 0x2_0000, ACPI_NVS_SIZE = 0x1_0000;

    public static MemoryMap pc(long ram) {
        if (ram < 2 * ONE_MIB) throw new IllegalArgumentException("memory " + ram + " bytes: at least 2 MiB is needed");
        if ((ram & 0xFFF) != 0) throw new IllegalArgumentException("memory " + ram + " bytes: not a multiple of 4 KiB");
        List<MemoryRegion> r = new ArrayList<>();
        r.add(new MemoryRegion(0, EBDA, MemoryRegion.AVAILABLE));
        r.add(new MemoryRegion(EBDA, 0xA0000 - EBDA, MemoryRegion.RESERVED));
        r.add(new MemoryRegion(0xF0000, 0x10000, MemoryRegion.RESERVED));
        long low = Math.min(ram, PCI_HOLE);
        long acpi = low - ACPI_RECLAIM_SIZE - ACPI_NVS_SIZE;
        r.add(new MemoryRegion(ONE_MIB, acpi - ONE_MIB, MemoryRegion.AVAILABLE));
        r.add(new MemoryRegion(acpi, ACPI_RECLAIM_SIZE, MemoryRegion.ACPI_RECLAIMABLE));
        r.add(new MemoryRegion(acpi + ACPI_RECLAIM_SIZE, ACPI_NVS_SIZE, MemoryRegion.ACPI_NVS));
        if (ram > PCI_HOLE) {
            r.add(new MemoryRegion(0xFEC0_0000L, 0x14_0000, MemoryRegion.RESERVED)); // IOAPIC, LAPIC, BIOS flash
            r.add(new MemoryRegion(FOUR_GIB, ram - PCI_HOLE, MemoryRegion.AVAILABLE));
        }
        return new MemoryMap(ram, List.copyOf(r));
    }

    /** Physical ranges backed by RAM: [0, min(ram, 3 GiB)) and, with more RAM, from 4 GiB. */
    public List<long[]> ramRanges() {
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, Math.min(ram, PCI_HOLE)});
        if (ram > PCI_HOLE) out.add(new long[] {FOUR_GIB, FOUR_GIB + ram - PCI_HOLE});
        return out;
    }

    /** KiB of lower memory and of upper memory (from 1 MiB to the first hole), as the basic memory tag says. */
    public long memLowerKiB() { return EBDA / 1024; }

    public long memUpperKiB() { return (Math.min(ram, PCI_HOLE) - ACPI_RECLAIM_SIZE - ACPI_NVS_SIZE - ONE_MIB) / 1024; }
}
