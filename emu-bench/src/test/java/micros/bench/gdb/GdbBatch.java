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

    /** A server on a port of its own, serving {@code machine} on a thread, logging into {@code log}. */
    record Serving(ServerSocket server, Thread thread, List<String> log) implements AutoCloseable {
        static Serving start(Machine machine) throws Exception {
            List<String> log = new CopyOnWriteArrayList<>();
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread serving = Thread.ofPlatform().start(() -> {
                try { new GdbServer(machine, log::add).serve(server); } catch (Exception e) { throw new RuntimeException(e); }
            });
            return new Serving(server, serving, log);
        }

        int port() { return server.getLocalPort(); }

        /** Waits until the server has logged {@code n} lines (it logs a session's end after the client has gone). */
        void awaitLog(int n) throws InterruptedException {
            for (int i = 0; i < 1000 && log.size() < n; i++) Thread.sleep(10);
        }

        /** Closes the listening socket; the server returns once the session in progress ends. */
        @Override public void close() throws Exception {
            server.close();
            thread.join(10_000);
            assertTrue(!thread.isAlive(), "the server returns once its socket is closed");
        }
    }

    /** gdb and the server, both still running. */
    record Running(Process gdb, Serving serving) {
        /** Waits for gdb to finish its script, then closes the server. */
        Result finish() throws Exception {
            try (serving) {
                String out = new String(gdb.getInputStream().readAllBytes());
                assertTrue(gdb.waitFor(30, TimeUnit.SECONDS), "gdb finishes");
                return new Result(out, serving.log());
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
        Serving serving = Serving.start(machine);
        return new Running(gdb(serving.port(), elf, commands), serving);
    }

    /** Starts gdb with its script against the server on {@code port}. */
    static Process gdb(int port, Path elf, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-batch", "-nx", elf.toString(), "-ex", "target remote :" + port));
        for (String c : commands) cmd.addAll(List.of("-ex", c));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** gdb's whole output once it has run its script. */
    static String output(Process gdb) throws Exception {
        String out = new String(gdb.getInputStream().readAllBytes());
        assertTrue(gdb.waitFor(30, TimeUnit.SECONDS), "gdb finishes");
        return out;
    }
}
