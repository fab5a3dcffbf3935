package micros.bench.machine;

/** A linear 32 bpp RGB framebuffer (red at bit 16, green at 8, blue at 0). */
public record Framebuffer(long address, int width, int height) {
    public static final Framebuffer DEFAULT = new Framebuffer(0xFD00_0000L, 1024, 768);

    public int pitch() { return width * 4; }

    public long size() { return (long) pitch() * height; }
}
