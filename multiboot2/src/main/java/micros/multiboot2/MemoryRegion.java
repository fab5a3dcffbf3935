package micros.multiboot2;

/**
 * One entry of the multiboot2 memory map (specification 3.6.8): [base, base + length) of the given type.
 * In the memory map tag an entry is u64 base, u64 length, u32 type, u32 reserved.
 */
public record MemoryRegion(long base, long length, int type) {
    public static final int AVAILABLE = 1, RESERVED = 2, ACPI_RECLAIMABLE = 3, ACPI_NVS = 4, BAD = 5;
    /** An entry's bytes; where its length and its type field start in it. */
    public static final int ENTRY_SIZE = 24, LENGTH_FIELD = 8, TYPE_FIELD = 16;
    /** Where the first entry starts in the memory map tag: after the tag header, entry_size and entry_version. */
    public static final int FIRST_ENTRY = 16;

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
