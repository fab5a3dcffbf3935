package micros.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryCheckTest {
    @Test
    void issueNumbersAndOldFiguresAreHistory() {
        String doc = """
                The figure is 3 s (was 18 s).
                As issue 3 asked, and issue #12.
                Before this round it was slower.
                A #PF page fault (vector 14), #GP(0x40a), 2 MiB pages, the was-flag and ours.
                ```
                (was 5) in output is output
                ```
                """;
        assertEquals(List.of("d.md:1: history, not a fact: '(was 18 s)'", "d.md:2: history, not a fact: 'issue 3'",
                "d.md:3: history, not a fact: 'Before this'"), HistoryCheck.in("d.md", doc));
    }
}
