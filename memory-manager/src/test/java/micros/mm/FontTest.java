package micros.mm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FontTest {
    /** The box a character without a picture gets. */
    private static List<Integer> box() { return glyph(-1); }

    private static List<Integer> glyph(int c) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < Font.HEIGHT; r++) rows.add(Font.row(c, r));
        return rows;
    }

    @Test
    void everyCharacterTheScreenShowsHasAPicture() {
        String shown = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:.-,/()%=+?!_'*#";
        for (byte[] label : List.of(BootScreen.NAME, BootScreen.SUBTITLE, BootScreen.FREE_MEMORY, BootScreen.MIB, BootScreen.FRAMES_4K,
                BootScreen.FRAMES_2M, BootScreen.FRAMES_1G, BootScreen.NOT_SUPPORTED)) shown += new String(label, StandardCharsets.US_ASCII).replace(" ", "");
        for (char c : shown.toCharArray()) assertNotEquals(box(), glyph(c), "'" + c + "' has no picture");
    }

    @Test
    void glyphsAreDistinctAndFitTheirCell() {
        for (int a = Font.FIRST; a <= Font.LAST; a++) {
            for (int r = 0; r < Font.HEIGHT; r++) assertEquals(0, Font.row(a, r) & ~0x1F, "row " + r + " of '" + (char) a + "' is wider than 5");
            for (int b = a + 1; b <= Font.LAST; b++)
                if (!glyph(a).equals(box())) assertNotEquals(glyph(a), glyph(b), "'" + (char) a + "' and '" + (char) b + "' look the same");
        }
    }

    @Test
    void onlyDescendersReachBelowTheBaseline() {
        for (int c = Font.FIRST; c <= Font.LAST; c++) {
            boolean below = Font.row(c, 7) != 0 || Font.row(c, 8) != 0;
            assertEquals("gjpqy,".indexOf(c) >= 0, below, "'" + (char) c + "' below the baseline");
        }
    }

    @Test
    void aPictureBecomesItsRows() {
        // H: both sides, the bar in the middle row
        assertEquals(List.of(0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11, 0, 0), glyph('H'));
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0), glyph(' '));
        assertEquals(box(), glyph(0x7F));
    }
}
