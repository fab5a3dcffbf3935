package micros.mm;

/**
 * Text on the framebuffer in the built-in {@link Font}, from a pen: a position (the top left of the next
 * character cell), a scale (each font pixel becomes scale x scale screen pixels) and a colour. Characters
 * are bytes of ASCII; the pen moves one cell to the right per character.
 */
final class Text {
    static int x, y, scale, colour;
    /** Set once any character cell did not fit entirely on the framebuffer (its outside part is not drawn). */
    static boolean clipped;
    private static final byte[] DIGITS = new byte[Decimal.MAX_LENGTH];

    private Text() {}

    /** Puts the pen at (x, y) with {@code scale} and {@code colour} (0xRRGGBB). */
    static void pen(int atX, int atY, int penScale, int penColour) {
        x = atX;
        y = atY;
        scale = penScale;
        colour = penColour;
    }

    /** The width in pixels of {@code characters} cells at {@code scale}. */
    static int width(int characters, int scale) { return characters * Font.CELL_WIDTH * scale; }

    /** Writes the first {@code length} characters of {@code text}. */
    static void write(byte[] text, int length) {
        for (int i = 0; i < length; i++) character(text[i]);
    }

    /** Writes {@code value} in decimal. */
    static void number(long value) { write(DIGITS, Decimal.format(value, DIGITS)); }

    /** Draws one character at the pen and moves it on; each run of set pixels in a glyph row is one rectangle. */
    static void character(int c) {
        if (x < 0 || y < 0 || (long) x + Font.CELL_WIDTH * scale > Framebuffer.width || (long) y + Font.CELL_HEIGHT * scale > Framebuffer.height)
            clipped = true;
        for (int row = 0; row < Font.HEIGHT; row++) {
            int bits = Font.row(c, row);
            int col = 0;
            while (col < Font.WIDTH) {
                int start = col;
                while (col < Font.WIDTH && (bits >>> (Font.WIDTH - 1 - col) & 1) != 0) col++;
                if (col > start) Framebuffer.fill(x + start * scale, y + row * scale, (col - start) * scale, scale, colour);
                else col++;
            }
        }
        x += Font.CELL_WIDTH * scale;
    }
}
