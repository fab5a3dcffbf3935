package micros.mm;

import micros.magic.sim.SimulatedMemory;

/**
 * Reads text back off a framebuffer: each character cell is sampled at every font pixel and matched
 * against the font's glyphs. A cell that matches no glyph reads as '\u00bf', so a test sees where.
 */
record ScreenReader(SimulatedMemory memory, Screen.Format format, long background) {
    ScreenReader(SimulatedMemory memory, Screen.Format format) { this(memory, format, format.pixel(BootScreen.BACKGROUND)); }

    long pixel(int x, int y) {
        long at = Screen.FRAMEBUFFER + (long) y * format.pitch() + (long) x * format.bytesPerPixel(), v = 0;
        for (int i = format.bytesPerPixel() - 1; i >= 0; i--) v = v << 8 | memory.load(at + i, 1);
        return v;
    }

    /** The {@code cells} characters from the cell at (x, y) at {@code scale}, trailing spaces dropped. */
    String read(int x, int y, int scale, int cells) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells; i++) s.append(character(x + i * Font.CELL_WIDTH * scale, y, scale));
        return s.toString().stripTrailing();
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
