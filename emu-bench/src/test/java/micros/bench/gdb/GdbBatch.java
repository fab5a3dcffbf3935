package micros.bench.gdb;

import micros.bench.machine.Machine;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs Debian's gdb with -batch against a {@link GdbServer} on {@code machine}: the real client, scripted. */
final class GdbBatch {
    /** What gdb printed (stdout and stderr together) and what the server logged. */
    record Result(String out, List<String> log) {}

    /** gdb and the server, both still running. */
    record Running(Process gdb, Thread serving, ServerSocket server, List<String> log) {
        /** Waits for gdb to finish its script and the server to end the session. */
        Result finish() throws Exception {
            try (server) {
                String out = new String(gdb.getInputStream().readAllBytes());
                assertTrue(gdb.waitFor(30, TimeUnit.SECONDS), "gdb finishes");
                serving.join(10_000);
                assertTrue(!serving.isAlive(), "the server returns when gdb goes:\n" + out);
                return new Result(out, log);
            }
        }
    }

    private GdbBatch() {}

    /** Loads {@code elf}'s symbols, connects, runs each command with -ex, and waits for both sides to finish. */
    static Result run(Machine machine, Path elf, String... commands) throws Exception {
        return start(machine, elf, commands).finish();
    }

    /** Starts the server and gdb with its script, without waiting. */
    static Running start(Machine machine, Path elf, String... commands) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread serving = Thread.ofPlatform().start(() -> {
            try { new GdbServer(machine, log::add).serve(server); } catch (Exception e) { throw new RuntimeException(e); }
        });
        List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", elf.toString(), "-ex", "target remote :" + server.getLocalPort()));
        for (String c : commands) cmd.addAll(List.of("-ex", c));
        return new Running(new ProcessBuilder(cmd).redirectErrorStream(true).start(), serving, server, log);
    }
}
