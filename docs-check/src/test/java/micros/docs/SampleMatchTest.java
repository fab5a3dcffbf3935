package micros.docs;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleMatchTest {
    static final String BOOT = """
            micros: long mode
            micros: every process waits; idle

            -- 1,187,686 instructions, idle at 0x207320: hlt with interrupts on, 1.36 s
            """;

    @Test
    void secondsVaryEverythingElseCounts() {
        List<String> sample = List.of("micros: long mode", "micros: every process waits; idle", "", "-- 1,187,686 instructions, idle at 0x207320: hlt with interrupts on, 6.33 s");
        assertEquals(Optional.empty(), SampleMatch.mismatch(sample, BOOT));
        assertEquals(Optional.empty(), SampleMatch.mismatch(sample, BOOT.replace("1.36 s", "12 s")));
        assertEquals(Optional.of("sample line 4 '-- 1,187,686 instructions, idle at 0x207320: hlt with interrupts on, 6.33 s', the command prints "
                + "'-- 1,187,687 instructions, idle at 0x207320: hlt with interrupts on, 1.36 s'"), SampleMatch.mismatch(sample, BOOT.replace("686", "687")));
    }

    @Test
    void wildcardsForLinesAndForText() {
        assertEquals(Optional.empty(), SampleMatch.mismatch(List.of("micros: long mode", "..."), BOOT));
        assertEquals(Optional.empty(), SampleMatch.mismatch(List.of("…", "micros: every process waits; idle", "…"), BOOT));
        assertEquals(Optional.empty(), SampleMatch.mismatch(List.of("...", "-- … instructions, idle at 0x…: hlt with interrupts on, 0 s"), BOOT));
        assertEquals(Optional.of("sample line 2 'micros: memory' is not in the output; nearest, it prints 'micros: long mode'"),
                SampleMatch.mismatch(List.of("...", "micros: memory", "..."), BOOT));
        assertEquals(Optional.of("sample line 2 'x' is not in the output"), SampleMatch.mismatch(List.of("...", "x"), BOOT));
        assertEquals(Optional.of("the command prints more: 'micros: every process waits; idle'"), SampleMatch.mismatch(List.of("micros: long mode"), BOOT));
        assertEquals(Optional.of("sample line 5 'more': the output has ended"),
                SampleMatch.mismatch(List.of("micros: long mode", "...", "", "-- …", "more"), BOOT));
    }

    @Test
    void carriageReturnsEscapesAndTrailingBlanksDoNotCount() {
        assertEquals(Optional.empty(), SampleMatch.mismatch(List.of("micros: long mode", "done"), "\u001b[H\u001b[Jmicros: long mode  \r\ndone\n\n"));
    }

    /** Any output matches itself as its sample, and its first and last line with "..." between them. */
    @Property(tries = 200)
    void anOutputMatchesItselfAndItsEnds(@ForAll("outputs") List<String> lines) {
        String output = String.join("\n", lines) + "\n";
        assertEquals(Optional.empty(), SampleMatch.mismatch(lines, output));
        if (lines.size() >= 2) assertEquals(Optional.empty(), SampleMatch.mismatch(List.of(lines.getFirst(), "...", lines.getLast()), output));
    }

    /** Changing one character of a line (not into a blank or a figure of seconds) is found. */
    @Property(tries = 200)
    void aChangedLineIsFound(@ForAll("outputs") List<String> lines, @ForAll int which, @ForAll("letters") char replacement) {
        int i = Math.floorMod(which, lines.size());
        String line = lines.get(i);
        if (line.isEmpty()) return;
        int at = Math.floorMod(which, line.length());
        if (line.charAt(at) == replacement || line.charAt(at) == ' ') return;
        List<String> changed = new ArrayList<>(lines);
        changed.set(i, line.substring(0, at) + replacement + line.substring(at + 1));
        assertTrue(SampleMatch.mismatch(changed, String.join("\n", lines) + "\n").isPresent(), changed + " against " + lines);
    }

    @Provide
    Arbitrary<Character> letters() { return Arbitraries.chars().range('a', 'z'); }

    @Provide
    Arbitrary<List<String>> outputs() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcxyz0123456789:,.-()").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> line = word.list().ofMinSize(1).ofMaxSize(6).map(w -> String.join(" ", w));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }
}
