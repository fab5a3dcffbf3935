package micros.multiboot2;

/**
 * The framebuffer tag (specification 3.6.12) of a linear 32 bpp direct-RGB framebuffer, the only kind
 * micros asks for: red at bit 16, green at 8, blue at 0, 8 bits each.
 */
public record FramebufferTag(long address, int pitch, int width, int height) {
    public static final int BITS_PER_PIXEL = 32, DIRECT_RGB = 1;
    public static final int RED_SHIFT = 16, GREEN_SHIFT = 8, BLUE_SHIFT = 0, BITS_PER_COLOUR = 8;

    /** Bytes from the first line's start to the last line's end. */
    public long size() { return (long) pitch * height; }
}
