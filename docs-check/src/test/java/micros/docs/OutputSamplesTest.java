package micros.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputSamplesTest {
    @Test
    void aBlockMarkedWithItsCommandAndATranscript() {
        String doc = """
                ```
                ./micros boot
                ```
                ```output ./micros boot --max-insns 10   # exits 1
                micros: long mode
                ```
                ```
                not marked
                ```
                - in a list:

                  ```output
                  ./micros boot --kernel a.elf \\
                      --cpu qemu64
                  a line
                    indented
                  $ ./micros boot --kernel b.elf   # exits 2
                  ```
                """;
        assertEquals(List.of(
                new OutputSample(new DocCommand("d.md:4", List.of("boot", "--max-insns", "10"), 1), List.of("micros: long mode")),
                new OutputSample(new DocCommand("d.md:13", List.of("boot", "--kernel", "a.elf", "--cpu", "qemu64"), 0), List.of("a line", "  indented")),
                new OutputSample(new DocCommand("d.md:17", List.of("boot", "--kernel", "b.elf"), 2), List.of())),
                OutputSamples.in("d.md", doc));
    }

    @Test
    void aTranscriptStartsWithItsCommand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputSamples.in("d.md", "```output\nmicros: long mode\n```\n"));
        assertEquals("d.md:2: an output transcript starts with its ./micros command", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputSamples.in("d.md", "```output gdb x\n```\n"));
    }

    @Test
    void anInfoStringThatMerelyStartsWithTheWordIsNotTheMark() {
        assertEquals(List.of(), OutputSamples.in("d.md", "```outputs\nx\n```\n"));
    }
}
