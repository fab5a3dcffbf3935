package micros.mm;

import micros.magic.sim.SimulatedMemory;

/**
 * Reads text back off a screen: each character cell is sampled at every font pixel and matched against
 * the font's glyphs; a pixel is ink when it is not the background. A cell that matches no glyph reads as
 * '\u00bf', so a test sees where.
 */
record ScreenReader(Pixels pixels, long background) {
    /** The pixel value at (x, y), in whatever format the screen has. */
    interface Pixels { long at(int x, int y); }

    /** The framebuffer {@code format} describes at {@link Screen#FRAMEBUFFER} in {@code memory}. */
    static ScreenReader of(SimulatedMemory memory, Screen.Format format) {
        return new ScreenReader((x, y) -> {
            long at = Screen.FRAMEBUFFER + (long) y * format.pitch() + (long) x * format.bytesPerPixel(), v = 0;
            for (int i = format.bytesPerPixel() - 1; i >= 0; i--) v = v << 8 | memory.load(at + i, 1);
            return v;
        }, format.pixel(BootScreen.BACKGROUND));
    }

    /** A picture (the bench's framebuffer as an image): pixels as 0xRRGGBB. */
    static ScreenReader of(java.awt.image.BufferedImage image) {
        return new ScreenReader((x, y) -> image.getRGB(x, y) & 0xFF_FFFF, BootScreen.BACKGROUND);
    }

    long pixel(int x, int y) { return pixels.at(x, y); }

    /** The {@code cells} characters from the cell at (x, y) at {@code scale}, trailing spaces dropped. */
    String read(int x, int y, int scale, int cells) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells; i++) s.append(character(x + i * Font.CELL_WIDTH * scale, y, scale));
        return s.toString().stripTrailing();
    }

    /** The four rows of the boot screen as {@link BootScreen#layout} placed them. */
    java.util.List<String> rows() {
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(read(BootScreen.left, BootScreen.firstRow + i * BootScreen.rowHeight, BootScreen.small, BootScreen.ROW_CHARACTERS));
        return rows;
    }

    private char character(int x, int y, int scale) {
        int[] rows = new int[Font.HEIGHT];
        for (int r = 0; r < Font.HEIGHT; r++)
            for (int c = 0; c < Font.WIDTH; c++)
                if (pixel(x + c * scale, y + r * scale) != background) rows[r] |= 1 << (Font.WIDTH - 1 - c);
        for (int c = Font.FIRST; c <= Font.LAST; c++) {
            boolean same = true;
            for (int r = 0; r < Font.HEIGHT && same; r++) same = Font.row(c, r) == rows[r];
            if (same) return (char) c;
        }
        return '\u00bf';
    }
}
