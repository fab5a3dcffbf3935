package micros.bench.natives;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The project's lock file, and the one-line errors for a broken one. */
class LockFileTest {
    @Test
    void theProjectsLockFileLocksUnicorn214AndCapstone402() {
        List<LockEntry> lock = LockFile.read(Path.of("../ci/natives.lock"));
        assertEquals("libunicorn2t64 2.1.4-4 sid", lock.get(0).line().substring(0, 26));
        assertEquals("libcapstone4 4.0.2-5 bookworm", lock.get(1).line().substring(0, 29));
        assertEquals(lock, LockFile.parse("again", LockFile.format(lock)), "format and parse agree");
    }

    @Test
    void brokenLinesNameTheFileAndLine() {
        String sha = "0".repeat(64);
        assertEquals("x:2: expected 'package version suite sha256', got 3 fields", assertThrows(IllegalArgumentException.class,
                () -> LockFile.parse("x", "# c\nlibunicorn2t64 2.1.4-4 sid\n")).getMessage());
        assertEquals("x:1: libunicorn2t64: 'abc' is not a SHA-256 (64 lower-case hex digits)", assertThrows(IllegalArgumentException.class,
                () -> LockFile.parse("x", "libunicorn2t64 2.1.4-4 sid abc\n")).getMessage());
        assertEquals("x: no line for libcapstone4", assertThrows(IllegalArgumentException.class,
                () -> LockFile.parse("x", "libunicorn2t64 2.1.4-4 sid " + sha + "\n")).getMessage());
        assertEquals("x:1: package 'libunicorn2' is not one the bench loads (known: libunicorn2t64, libcapstone4)", assertThrows(IllegalArgumentException.class,
                () -> LockFile.parse("x", "libunicorn2 2.0.1-1 bookworm " + sha + "\n")).getMessage());
    }
}
