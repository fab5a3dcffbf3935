package micros.multiboot2;

/**
 * The boot information tag types micros's loaders write and its kernel reads (multiboot2 specification
 * 3.6): the number in each tag's type field.
 */
public enum TagType {
    END(0), COMMAND_LINE(1), LOADER_NAME(2), MODULE(3), BASIC_MEMORY(4), MEMORY_MAP(6), FRAMEBUFFER(8);

    private final int code;

    TagType(int code) { this.code = code; }

    /** The value of the tag's u32 type field. */
    public int code() { return code; }
}
