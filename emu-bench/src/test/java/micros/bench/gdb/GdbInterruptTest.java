package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C with the real gdb: -batch cannot type it, but SIGINT to gdb is what the terminal sends, and gdb
 * passes it on to the target as the 0x03 byte.
 */
class GdbInterruptTest {
    @Test
    void sigintToGdbInterruptsTheRunningMachine(@TempDir Path dir) throws Exception {
        Path elf = Fixtures.loop(0xFFFF_FFFFL).write(dir.resolve("loop.elf")); // runs for hours unless interrupted
        try (Machine m = Machine.boot("loop.elf", java.nio.file.Files.readAllBytes(elf), MachineConfig.defaults())) {
            GdbBatch.Running running = GdbBatch.start(m, elf, "continue", "info registers rip", "kill");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (m.instructionsExecuted() < 100_000 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(m.instructionsExecuted() >= 100_000, "gdb continued the machine");
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(running.gdb().pid())).start().waitFor());
            String out = running.finish().out();
            long loop = m.symbols().address("loop");
            assertTrue(out.contains("Program received signal SIGINT, Interrupt.\n"), out);
            java.util.regex.Matcher rip = java.util.regex.Pattern.compile("rip            0x([0-9a-f]+) ").matcher(out);
            assertTrue(rip.find(), out);
            long at = Long.parseLong(rip.group(1), 16);
            assertTrue(at >= loop && at < loop + 4, "stopped in the two-instruction loop at 0x" + Long.toHexString(loop) + ":\n" + out);
        }
    }
}
