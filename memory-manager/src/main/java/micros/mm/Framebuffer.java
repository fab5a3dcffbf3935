package micros.mm;

import micros.magic.Memory;

/**
 * The linear framebuffer the boot loader set up, as its multiboot2 tag (type 8) describes it: address,
 * pitch, size, bits per pixel, and for direct RGB the position and width of each colour field. Colours
 * are given as 0xRRGGBB and converted to the framebuffer's format; every drawing call is clipped to it,
 * so nothing is ever written outside the visible pixels.
 */
final class Framebuffer {
    /** Multiboot2 framebuffer types; only direct RGB is drawn on. */
    static final int TYPE_INDEXED = 0, TYPE_RGB = 1, TYPE_EGA_TEXT = 2;

    static long base, pitch;
    static int width, height, bytesPerPixel;
    static int redPosition, redSize, greenPosition, greenSize, bluePosition, blueSize;

    private Framebuffer() {}

    /** Draws on the framebuffer of the tag at {@code tag}; false (and nothing to draw on) unless it is direct RGB of 16, 24 or 32 bits. */
    static boolean use(long tag) {
        width = 0;
        height = 0;
        int bits = Memory.read8(tag + 28);
        if (Memory.read8(tag + 29) != TYPE_RGB || bits != 16 && bits != 24 && bits != 32) return false;
        long w = Memory.read32(tag + 20) & 0xFFFF_FFFFL, h = Memory.read32(tag + 24) & 0xFFFF_FFFFL;
        long p = Memory.read32(tag + 16) & 0xFFFF_FFFFL;
        if (w == 0 || h == 0 || w > 0x10000 || h > 0x10000 || p < w * (bits / 8)) return false;
        base = Memory.read64(tag + 8);
        pitch = p;
        bytesPerPixel = bits / 8;
        redPosition = Memory.read8(tag + 32);
        redSize = Memory.read8(tag + 33);
        greenPosition = Memory.read8(tag + 34);
        greenSize = Memory.read8(tag + 35);
        bluePosition = Memory.read8(tag + 36);
        blueSize = Memory.read8(tag + 37);
        width = (int) w;
        height = (int) h;
        return true;
    }

    /** {@code rgb} (0xRRGGBB) as a pixel of this framebuffer. */
    static int pixel(int rgb) {
        return field(rgb >>> 16 & 0xFF, redPosition, redSize)
                | field(rgb >>> 8 & 0xFF, greenPosition, greenSize)
                | field(rgb & 0xFF, bluePosition, blueSize);
    }

    /** An 8-bit colour component scaled to a field of {@code size} bits at bit {@code position}. */
    private static int field(int component, int position, int size) {
        if (size == 0 || position >= 32) return 0;
        int scaled = size <= 8 ? component >>> (8 - size) : component << (size - 8);
        return scaled << position;
    }

    /** Fills the rectangle at (x, y), w by h pixels, with {@code rgb}; the part outside the framebuffer is left out. */
    static void fill(int x, int y, int w, int h, int rgb) {
        long left = x < 0 ? 0 : x, top = y < 0 ? 0 : y;
        long right = (long) x + w, bottom = (long) y + h;
        if (right > width) right = width;
        if (bottom > height) bottom = height;
        if (left >= right || top >= bottom) return;
        int value = pixel(rgb);
        long bytes = (right - left) * bytesPerPixel;
        long row = base + top * pitch + left * bytesPerPixel;
        for (long y0 = top; y0 < bottom; y0++, row += pitch) fillRow(row, bytes, value);
    }

    /**
     * {@code bytes} bytes of pixels {@code value} from {@code at}. 16- and 32-bit pixels repeat every 8 bytes,
     * so they go 8 bytes a store, 64 a turn of the loop: each turn costs the bench a basic block (a string
     * instruction costs it one per byte). 24-bit pixels go one at a time.
     */
    private static void fillRow(long at, long bytes, int value) {
        long end = at + bytes;
        if (bytesPerPixel != 3) {
            long pattern = bytesPerPixel == 4 ? (value & 0xFFFF_FFFFL) * 0x1_0000_0001L : (value & 0xFFFFL) * 0x1_0001_0001_0001L;
            for (; at + 64 <= end; at += 64) {
                Memory.write64(at, pattern);
                Memory.write64(at + 8, pattern);
                Memory.write64(at + 16, pattern);
                Memory.write64(at + 24, pattern);
                Memory.write64(at + 32, pattern);
                Memory.write64(at + 40, pattern);
                Memory.write64(at + 48, pattern);
                Memory.write64(at + 56, pattern);
            }
            for (; at + 8 <= end; at += 8) Memory.write64(at, pattern);
        }
        for (; at < end; at += bytesPerPixel) store(at, value);
    }

    private static void store(long address, int value) {
        if (bytesPerPixel == 4) Memory.write32(address, value);
        else if (bytesPerPixel == 2) Memory.write16(address, value);
        else {
            Memory.write16(address, value);
            Memory.write8(address + 2, value >>> 16);
        }
    }
}
