package micros.mm;

/**
 * The boot screen's bitmap font: printable ASCII, each glyph 5 pixels wide and 9 high (7 above the
 * baseline, 2 for descenders), drawn in a 6 x 11 cell. Kernel-Java reads {@link #ROWS}: one byte per glyph
 * row, bit 4 the leftmost pixel.
 *
 * <p>The glyphs are drawn below as pictures; the class initializer turns them into {@link #ROWS} when the
 * compiler runs it at build time, so the machine code only ever sees the finished array. Each block is a
 * line naming up to 13 characters (one every 6 columns) and 9 picture lines beneath them. A character with
 * no picture gets a hollow box, so a missing glyph shows on the screen instead of vanishing.
 */
final class Font {
    static final int WIDTH = 5, HEIGHT = 9, CELL_WIDTH = 6, CELL_HEIGHT = 11;
    static final int FIRST = ' ', LAST = '~';

    private static final String PICTURES = """
            0     1     2     3     4     5     6     7     8     9     :     .     -
            .###. ..#.. .###. ##### ...#. ##### ..##. ##### .###. .###. ..... ..... .....
            #...# .##.. #...# ...#. ..##. #.... .#... ....# #...# #...# .##.. ..... .....
            #..## ..#.. ....# ..#.. .#.#. ####. #.... ...#. #...# #...# .##.. ..... .....
            #.#.# ..#.. ...#. ...#. #..#. ....# ####. ..#.. .###. .#### ..... ..... .###.
            ##..# ..#.. ..#.. ....# ##### ....# #...# .#... #...# ....# .##.. ..... .....
            #...# ..#.. .#... #...# ...#. #...# #...# .#... #...# ...#. .##.. .##.. .....
            .###. .###. ##### .###. ...#. .###. .###. .#... .###. .##.. ..... .##.. .....
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            a     b     c     d     e     f     g     h     i     j     k     l     m
            ..... #.... ..... ....# ..... ..##. ..... #.... ..#.. ...#. #.... .##.. .....
            ..... #.... ..... ....# ..... .#..# ..... #.... ..... ..... #.... ..#.. .....
            .###. #.##. .###. .##.# .###. .#... .#### #.##. .##.. ..##. #..#. ..#.. ##.#.
            ....# ##..# #.... #..## #...# ###.. #...# ##..# ..#.. ...#. #.#.. ..#.. #.#.#
            .#### #...# #.... #...# ##### .#... #...# #...# ..#.. ...#. ##... ..#.. #.#.#
            #...# #...# #...# #...# #.... .#... #...# #...# ..#.. ...#. #.#.. ..#.. #...#
            .#### ####. .###. .#### .###. .#... .#### #...# .###. ...#. #..#. .###. #...#
            ..... ..... ..... ..... ..... ..... ....# ..... ..... #..#. ..... ..... .....
            ..... ..... ..... ..... ..... ..... .###. ..... ..... .##.. ..... ..... .....
            n     o     p     q     r     s     t     u     v     w     x     y     z
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            ..... ..... ..... ..... ..... ..... .#... ..... ..... ..... ..... ..... .....
            #.##. .###. ####. .#### #.##. .#### ###.. #...# #...# #...# #...# #...# #####
            ##..# #...# #...# #...# ##..# #.... .#... #...# #...# #...# .#.#. #...# ...#.
            #...# #...# #...# #...# #.... .###. .#... #...# #...# #.#.# ..#.. #...# ..#..
            #...# #...# #...# #...# #.... ....# .#..# #..## .#.#. #.#.# .#.#. #...# .#...
            #...# .###. ####. .#### #.... ####. ..##. .##.# ..#.. .#.#. #...# .#### #####
            ..... ..... #.... ....# ..... ..... ..... ..... ..... ..... ..... ....# .....
            ..... ..... #.... ....# ..... ..... ..... ..... ..... ..... ..... .###. .....
            A     B     C     D     E     F     G     H     I     J     K     L     M
            .###. ####. .###. ###.. ##### ##### .###. #...# .###. ..### #...# #.... #...#
            #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. ...#. #..#. #.... ##.##
            #...# #...# #.... #...# #.... #.... #.... #...# ..#.. ...#. #.#.. #.... #.#.#
            ##### ####. #.... #...# ####. ####. #.### ##### ..#.. ...#. ##... #.... #.#.#
            #...# #...# #.... #...# #.... #.... #...# #...# ..#.. ...#. #.#.. #.... #...#
            #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. #..#. #..#. #.... #...#
            #...# ####. .###. ###.. ##### #.... .#### #...# .###. .##.. #...# ##### #...#
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            N     O     P     Q     R     S     T     U     V     W     X     Y     Z
            #...# .###. ####. .###. ####. .#### ##### #...# #...# #...# #...# #...# #####
            #...# #...# #...# #...# #...# #.... ..#.. #...# #...# #...# #...# #...# ....#
            ##..# #...# #...# #...# #...# #.... ..#.. #...# #...# #...# .#.#. .#.#. ...#.
            #.#.# #...# ####. #...# ####. .###. ..#.. #...# #...# #.#.# ..#.. ..#.. ..#..
            #..## #...# #.... #.#.# #.#.. ....# ..#.. #...# #...# #.#.# .#.#. ..#.. .#...
            #...# #...# #.... #..#. #..#. ....# ..#.. #...# .#.#. #.#.# #...# ..#.. #....
            #...# .###. #.... .##.# #...# ####. ..#.. .###. ..#.. .#.#. #...# ..#.. #####
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            ,     /     (     )     %     =     +     ?     !     _     '     *     #
            ..... ....# ...#. .#... ##... ..... ..... .###. ..#.. ..... ..#.. ..... .#.#.
            ..... ....# ..#.. ..#.. ##..# ..... ..#.. #...# ..#.. ..... ..#.. ..#.. .#.#.
            ..... ...#. .#... ...#. ...#. ##### ..#.. ....# ..#.. ..... ..... #.#.# #####
            ..... ..#.. .#... ...#. ..#.. ..... ##### ...#. ..#.. ..... ..... .###. .#.#.
            ..... .#... .#... ...#. .#... ##### ..#.. ..#.. ..#.. ..... ..... #.#.# #####
            .##.. #.... ..#.. ..#.. #..## ..... ..#.. ..... ..... ..... ..... ..#.. .#.#.
            .##.. #.... ...#. .#... ...## ..... ..... ..#.. ..#.. ##### ..... ..... .#.#.
            ..#.. ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            .#... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
            """;

    /** Row {@code r} of the glyph for character {@code c} is {@code ROWS[(c - FIRST) * HEIGHT + r]}. */
    static final byte[] ROWS = rows(PICTURES);

    private Font() {}

    /** The pixels of row {@code row} of the glyph for {@code c}, bit 4 leftmost; a box for characters outside the font. */
    static int row(int c, int row) {
        if (c < FIRST || c > LAST) return row == 0 || row == HEIGHT - 3 ? 0x1F : row < HEIGHT - 3 ? 0x11 : 0;
        return ROWS[(c - FIRST) * HEIGHT + row];
    }

    /** Build time: the pictures as glyph rows. */
    private static byte[] rows(String pictures) {
        byte[] rows = new byte[(LAST - FIRST + 1) * HEIGHT];
        boolean[] drawn = new boolean[LAST - FIRST + 1];
        drawn[0] = true; // the space is blank
        String[] lines = pictures.split("\n");
        if (lines.length % (HEIGHT + 1) != 0) throw new IllegalStateException("Font: " + lines.length + " picture lines, not blocks of 1 + " + HEIGHT);
        for (int block = 0; block < lines.length; block += HEIGHT + 1) {
            String names = lines[block];
            for (int col = 0; col < names.length(); col += CELL_WIDTH) {
                char c = names.charAt(col);
                if (c < FIRST || c > LAST || drawn[c - FIRST]) throw new IllegalStateException("Font: character '" + c + "' drawn twice or not printable ASCII");
                drawn[c - FIRST] = true;
                for (int r = 0; r < HEIGHT; r++) rows[(c - FIRST) * HEIGHT + r] = (byte) bits(lines[block + 1 + r], col, c, r);
            }
        }
        for (int c = FIRST; c <= LAST; c++)
            if (!drawn[c - FIRST]) for (int r = 0; r < HEIGHT; r++) rows[(c - FIRST) * HEIGHT + r] = (byte) row(-1, r);
        return rows;
    }

    private static int bits(String line, int col, char c, int r) {
        if (line.length() < col + WIDTH) throw new IllegalStateException("Font: row " + r + " of '" + c + "' is shorter than " + WIDTH);
        int v = 0;
        for (int x = 0; x < WIDTH; x++) {
            char p = line.charAt(col + x);
            if (p != '#' && p != '.') throw new IllegalStateException("Font: row " + r + " of '" + c + "' has '" + p + "', not '#' or '.'");
            v = v << 1 | (p == '#' ? 1 : 0);
        }
        return v;
    }
}
