package micros.bench.machine;

import micros.multiboot2.MemoryRegion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The machine's physical memory as the multiboot2 memory map tells the kernel (entries of types 1–5, in
 * the order given; entries may overlap, as some firmware's do) and the RAM behind it: the first MiB (where
 * the loader's hand-off lives, as on a PC) and every available, ACPI-reclaimable or ACPI NVS entry, rounded
 * out to whole pages. Reserved and bad entries and the holes between entries have no RAM, so a kernel
 * that touches them stops the run. {@code ram} is the bytes of RAM.
 */
public record MemoryMap(long ram, List<MemoryRegion> regions) {
    public static final long EBDA = 0x9FC00, ONE_MIB = 0x10_0000, PCI_HOLE = 0xC000_0000L, FOUR_GIB = 1L << 32;
    public static final long ACPI_RECLAIM_SIZE = 0x2_0000, ACPI_NVS_SIZE = 0x1_0000;
    /** Past the largest physical address AMD64 page tables can name. */
    public static final long PHYSICAL_LIMIT = 1L << 52;
    static final long PAGE = 4096;

    /**
     * The memory map of a PC with {@code ram} bytes: conventional memory below the EBDA, the VGA/BIOS hole,
     * RAM from 1 MiB with ACPI tables at its top, a PCI hole below 4 GiB, and the rest of RAM above 4 GiB.
     */
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

    /**
     * A memory map as given (a firmware's, a test's): each entry non-empty, of a multiboot2 type (1–5),
     * below 2^52; no RAM at the local APIC's page, where the CPU's own registers are. One-line errors.
     */
    public static MemoryMap of(List<MemoryRegion> regions) {
        if (regions.isEmpty()) throw new IllegalArgumentException("memory map: no entries");
        for (int i = 0; i < regions.size(); i++) {
            MemoryRegion r = regions.get(i);
            String which = "memory map entry " + i + " " + r;
            if (r.type() < MemoryRegion.AVAILABLE || r.type() > MemoryRegion.BAD) throw new IllegalArgumentException(which + ": type " + r.type() + " is not one of multiboot2's 1-5");
            if (r.length() <= 0) throw new IllegalArgumentException(which + ": empty or negative length");
            if (r.base() < 0 || r.base() >= PHYSICAL_LIMIT || r.length() > PHYSICAL_LIMIT - r.base()) throw new IllegalArgumentException(which + ": beyond 2^52, the physical address limit");
        }
        List<long[]> ram = ramRanges(regions);
        long apic = LocalApic.DEFAULT_BASE;
        for (long[] g : ram)
            if (g[0] <= apic && apic < g[1]) throw new IllegalArgumentException(String.format("memory map: RAM [0x%x, 0x%x) covers the local APIC's page 0x%x", g[0], g[1], apic));
        long bytes = 0;
        for (long[] g : ram) bytes += g[1] - g[0];
        return new MemoryMap(bytes, List.copyOf(regions));
    }

    /** Physical ranges backed by RAM, sorted and disjoint: the first MiB and every entry of a type RAM backs, in whole pages. */
    public List<long[]> ramRanges() { return ramRanges(regions); }

    private static List<long[]> ramRanges(List<MemoryRegion> regions) {
        List<long[]> pieces = new ArrayList<>();
        pieces.add(new long[] {0, ONE_MIB});
        for (MemoryRegion r : regions)
            if (backedByRam(r.type())) pieces.add(new long[] {r.base() & -PAGE, (r.end() + PAGE - 1) & -PAGE});
        pieces.sort(Comparator.comparingLong(p -> p[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] p : pieces) {
            if (!out.isEmpty() && p[0] <= out.getLast()[1]) out.getLast()[1] = Math.max(out.getLast()[1], p[1]);
            else out.add(p.clone());
        }
        return out;
    }

    /** Available, ACPI-reclaimable and ACPI NVS memory is RAM; reserved memory is the firmware's or a device's, bad memory unusable. */
    static boolean backedByRam(int type) {
        return type == MemoryRegion.AVAILABLE || type == MemoryRegion.ACPI_RECLAIMABLE || type == MemoryRegion.ACPI_NVS;
    }

    /** Whether [base, base + length) lies in RAM (one of {@link #ramRanges}). */
    public boolean inRam(long base, long length) {
        for (long[] g : ramRanges()) if (base >= g[0] && length <= g[1] - base) return true;
        return false;
    }

    /** Whether [base, base + length) overlaps RAM at all. */
    public boolean touchesRam(long base, long length) {
        for (long[] g : ramRanges()) if (base < g[1] && g[0] < base + length) return true;
        return false;
    }

    /** KiB of lower memory: available memory from 0, at most 640 KiB (the basic memory information tag). */
    public long memLowerKiB() { return Math.min(availableRunFrom(0), 0xA0000) / 1024; }

    /** KiB of upper memory: available memory from 1 MiB to the first byte that is not (the basic memory information tag). */
    public long memUpperKiB() { return (availableRunFrom(ONE_MIB) - ONE_MIB) / 1024; }

    /** The end of the run of available memory starting at {@code at} (entries chained), or {@code at} when none starts there. */
    private long availableRunFrom(long at) {
        long end = at;
        for (boolean grew = true; grew; ) {
            grew = false;
            for (MemoryRegion r : regions)
                if (r.type() == MemoryRegion.AVAILABLE && r.base() <= end && r.end() > end) { end = r.end(); grew = true; }
        }
        return end;
    }
}
