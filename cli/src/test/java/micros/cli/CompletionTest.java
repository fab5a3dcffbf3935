package micros.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script {@code ./micros completion} prints, sourced in a real bash and asked as bash's completion would ask it. */
class CompletionTest {
    /** The words bash would offer for {@code line} (its last word being completed). */
    static List<String> complete(String line) throws Exception {
        Run script = Run.of("completion");
        assertEquals(0, script.status(), script.err());
        Path file = Files.createTempFile("micros-completion", ".bash");
        try {
            Files.writeString(file, script.out());
            String[] words = line.split(" ");
            String probe = "source " + file + "\n"
                    + "COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                    + "_complete_micros " + words[0] + " " + words[words.length - 1] + " " + words[words.length - 2] + " 2>/dev/null\n"
                    + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
            Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
            return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void commandsComplete() throws Exception {
        assertEquals(List.of("boot"), complete("./micros bo"));
        assertEquals(List.of("compare", "completion"), complete("./micros com").stream().sorted().toList());
    }

    @Test
    void optionsComplete() throws Exception {
        assertEquals(List.of("--memory"), complete("./micros boot --me"));
        assertEquals(List.of("--max-insns"), complete("./micros compare --max"));
    }

    @Test
    void cpuModelsComplete() throws Exception {
        assertEquals(List.of("epyc", "epyc-rome"), complete("./micros boot --cpu epy").stream().sorted().toList());
    }
}
