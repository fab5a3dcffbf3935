package micros.bench.machine;

/** One entry of the multiboot2 memory map: [base, base + length) of the given type. */
public record MemoryRegion(long base, long length, int type) {
    public static final int AVAILABLE = 1, RESERVED = 2, ACPI_RECLAIMABLE = 3, ACPI_NVS = 4, BAD = 5;

    public long end() { return base + length; }
}
