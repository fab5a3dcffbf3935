package micros.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command answers --help (and -h) with its usage and its exit statuses, exit status 0, nothing on stderr. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"test", "build", "setup", "boot", "step", "gdb", "iso", "qemu", "keys", "keys new", "release", "compare",
            "run-method", "bench", "version", "completion"})
    void everyCommandAnswersHelp(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            String[] words = (command + " " + flag).split(" ");
            Run r = Run.of(words);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("Usage: micros " + command), r.out());
            assertTrue(r.out().contains("Exit status:") && r.out().contains("  2   a bad command line"), r.out());
            assertEquals("", r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void theTopLevelListsEveryCommand(String flag) {
        Run r = Run.of(flag);
        assertEquals(0, r.status());
        for (String c : new String[] {"test", "build", "setup", "boot", "step", "gdb", "iso", "qemu", "keys", "release", "compare",
                "run-method", "bench", "version", "completion"})
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + c + " ")), c + " in\n" + r.out());
    }
}
