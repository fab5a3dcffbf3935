package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's real gdb, scripted with -batch, against our server on the bench running micros.elf. */
class GdbServerTest {
    static final Path KERNEL = Path.of("../kernel/target/micros.elf");

    @Test
    void gdbBreaksStepsReadsAndWritesMemoryAndContinues() throws Exception {
        try (Machine m = Machine.boot("micros.elf", Files.readAllBytes(KERNEL), MachineConfig.defaults());
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long trampoline = m.pc();
            Thread serving = Thread.ofPlatform().start(() -> {
                try { new GdbServer(m).serve(server); } catch (Exception e) { throw new RuntimeException(e); }
            });
            List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", KERNEL.toString(), "-ex", "target remote :" + server.getLocalPort(),
                    "-ex", "info registers rip", "-ex", "break long_mode_entry", "-ex", "continue", "-ex", "info registers cs",
                    "-ex", "stepi", "-ex", "x/1i $pc", "-ex", "x/4xb &'msg.long_mode'", "-ex", "set {char}0x9000 = 0x5a",
                    "-ex", "x/1xb 0x9000", "-ex", "continue", "-ex", "kill"));
            Process gdb = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(gdb.getInputStream().readAllBytes());
            assertTrue(gdb.waitFor(60, TimeUnit.SECONDS));
            serving.join(10_000);
            long entry = m.symbols().address("long_mode_entry");
            assertTrue(out.contains("rip            0x" + Long.toHexString(trampoline)), "starts at the loader's trampoline:\n" + out);
            assertTrue(out.contains("Breakpoint 1, 0x" + String.format("%016x", entry) + " in long_mode_entry ()"), out);
            assertTrue(out.contains("cs             0x8"), "64-bit kernel code segment at the breakpoint:\n" + out);
            assertTrue(out.contains("<long_mode_entry+4>:\tmov    %eax,%ds"), "stepi moved one instruction:\n" + out);
            assertTrue(out.contains(":\t0x6d\t0x69\t0x63\t0x72"), "reads 'micr' of the banner:\n" + out);
            assertTrue(out.contains("0x9000:\t0x5a"), "memory writes land:\n" + out);
            assertTrue(out.contains("in halt ()"), "continue runs to the halt loop:\n" + out);
            assertEquals("micros: long mode\n", m.serial().text());
        }
    }
}
