package micros.docs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LauncherHelpTest {
    static final String HELP = """
            usage: ./micros COMMAND [ARGS]

              test [--campaign N]       run every test
                                          more about test
              build                     build everything
              boot [OPTIONS]            boot
                                          --kernel FILE
            """;

    @Test
    void anEntryIsItsFirstLineAndTheDeeperOnes() {
        assertEquals("  test [--campaign N]       run every test\n                              more about test\n", LauncherHelp.entry(HELP, "test"));
        assertEquals("  boot [OPTIONS]            boot\n                              --kernel FILE\n", LauncherHelp.entry(HELP, "boot"));
        assertNull(LauncherHelp.entry(HELP, "bo"));
        assertNull(LauncherHelp.entry(HELP, "qemu"));
    }
}
