package micros.bench.machine;

/** One entry of the multiboot2 memory map: [base, base + length) of the given type. */
public record MemoryRegion(long base, long length, int type) {
    public static final int AVAILABLE = 1, RESERVED = 2, ACPI_RECLAIMABLE = 3, ACPI_NVS = 4, BAD = 5;

    public long end() { return base + length; }

    /** The type's name as the multiboot2 specification (3.6.8) describes it. */
    public static String typeName(int type) {
        return switch (type) {
            case AVAILABLE -> "available";
            case RESERVED -> "reserved";
            case ACPI_RECLAIMABLE -> "ACPI-reclaimable";
            case ACPI_NVS -> "ACPI NVS";
            case BAD -> "bad";
            default -> "type " + type;
        };
    }

    @Override public String toString() { return String.format("[0x%x, 0x%x) %s", base, base + length, typeName(type)); }
}
