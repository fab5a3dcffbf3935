package micros.release;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsoBuilderTest {
    @Test
    void grubConfigBootsAtOnceWithVideoAndModules() {
        String cfg = IsoBuilder.grubConfig(List.of(new IsoBuilder.Module(Path.of("x/memory_manager.elf"), "memory_manager")));
        assertTrue(cfg.contains("set timeout=0\n"));
        assertTrue(cfg.contains("insmod all_video\n"));
        assertTrue(cfg.contains("  multiboot2 /boot/micros.elf\n"));
        assertTrue(cfg.contains("  module2 /boot/memory_manager.elf memory_manager\n"));
        assertEquals(1, cfg.split("menuentry", -1).length - 1, "one entry");
    }

    @Test
    void missingKernelIsNamedAndNoIsoIsLeft(@TempDir Path dir) {
        Path iso = dir.resolve("out.iso");
        ReleaseException e = assertThrows(ReleaseException.class, () -> IsoBuilder.build(dir.resolve("nope.elf"), List.of(), iso));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope.elf") + ": kernel not found"), e.getMessage());
        assertFalse(iso.toFile().exists());
    }
}
