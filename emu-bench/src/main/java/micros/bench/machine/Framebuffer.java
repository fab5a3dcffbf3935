package micros.bench.machine;

import micros.multiboot2.FramebufferTag;

/** A linear 32 bpp direct-RGB framebuffer, laid out as its boot information tag ({@link FramebufferTag}) says. */
public record Framebuffer(long address, int width, int height) {
    public static final Framebuffer DEFAULT = new Framebuffer(0xFD00_0000L, 1024, 768);

    public int pitch() { return width * (FramebufferTag.BITS_PER_PIXEL / 8); }

    public long size() { return (long) pitch() * height; }

    /** The framebuffer tag the loader writes for it. */
    public FramebufferTag tag() { return new FramebufferTag(address, pitch(), width, height); }

    /** The pixels, {@link #size()} bytes read from {@link #address()}, as an image. */
    public java.awt.image.BufferedImage image(byte[] bytes) {
        java.nio.IntBuffer pixels = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) image.setRGB(x, y, pixels.get(y * pitch() / 4 + x) & 0xFF_FFFF);
        return image;
    }
}
