package micros.crosscheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @Test
    void theLineSaysDoneFailedAndTimeLeft() {
        Progress p = Progress.of("machines", 200);
        assertEquals("micros: machines 50/200, 2 failed, 4m30s left", p.line(50, 200, 2, 90));
        assertEquals("micros: machines 199/200, 1s left", p.line(199, 200, 0, 199));
        assertEquals("micros: machines 200/200", p.line(200, 200, 0, 300));
        assertEquals("micros: machines 200/200", p.line(230, 200, 0, 300), "tries that shrink a failure do not count past the total");
    }

    @Test
    void itDrawsOnlyWhereTheLauncherSays(@TempDir Path dir) throws Exception {
        String before = System.getProperty("micros.progress");
        try {
            System.clearProperty("micros.progress");
            assertFalse(Progress.of("machines", 3).shown(), "no terminal named: quiet");
            Path tty = dir.resolve("tty");
            System.setProperty("micros.progress", tty.toString());
            Progress p = Progress.of("machines", 3);
            assertTrue(p.shown());
            p.done(true);
            p.done(false);
            p.done(true);
            p.finish();
            String drawn = Files.readString(tty);
            assertTrue(drawn.startsWith("\r\033[Kmicros: machines 1/3"), drawn);
            assertTrue(drawn.endsWith("\r\033[Kmicros: machines 3/3, 1 failed\r\033[K"), "the last count is drawn, then the line cleared: " + drawn);
        } finally {
            if (before == null) System.clearProperty("micros.progress");
            else System.setProperty("micros.progress", before);
        }
    }
}
