package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.fixtures.ExceptionKernels;
import micros.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol spoken over a raw socket, for what gdb -batch cannot do: press Ctrl-C while the machine
 * runs, send malformed packets, and corrupt a checksum.
 */
class RemoteProtocolTest {
    /** A minimal client: packets framed and checked by hand. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void raw(String s) throws IOException { out.write(s.getBytes(StandardCharsets.ISO_8859_1)); out.flush(); }

        void send(String data) throws IOException {
            int sum = 0;
            for (char c : data.toCharArray()) sum += c;
            raw("$" + data + "#" + String.format("%02x", sum & 0xFF));
        }

        /** The next packet's data, its checksum verified; acknowledgement bytes before it are skipped. */
        String receive() throws IOException {
            int b;
            while ((b = in.read()) != '$') if (b < 0) throw new IOException("closed");
            StringBuilder s = new StringBuilder();
            int sum = 0;
            while ((b = in.read()) != '#') { s.append((char) b); sum += b; }
            String check = "" + (char) in.read() + (char) in.read();
            assertEquals(String.format("%02x", sum & 0xFF), check, "checksum of " + s);
            return s.toString();
        }

        String ask(String data) throws IOException { send(data); return receive(); }

        @Override public void close() throws IOException { socket.close(); }
    }

    @Test
    void ctrlCInterruptsARunningMachineAndBadPacketsGetErrors() throws Exception {
        byte[] kernel = Fixtures.loop(0xFFFF_FFFFL).bytes(); // billions of instructions: runs until interrupted
        try (Machine m = Machine.boot("loop.elf", kernel, MachineConfig.defaults()); GdbBatch.Serving serving = GdbBatch.Serving.start(m)) {
            List<String> log = serving.log();
            try (Client c = new Client(serving.port())) {
                c.raw("$g#00"); // wrong checksum: the server asks again with '-'
                assertEquals('-', c.in.read());
                c.send("QStartNoAckMode");
                assertEquals('+', c.in.read(), "acknowledged: acks are still on");
                assertEquals("OK", c.receive());
                c.raw("+"); // the OK itself is acknowledged; from here on nothing is

                assertEquals("E01", c.ask("Z0"), "malformed breakpoint");
                assertEquals("", c.ask("Z9,1000,1"), "a kind of breakpoint the server does not know: unsupported");
                assertEquals("E01", c.ask("mzz,4"), "malformed address");
                assertEquals("E01", c.ask("p"), "no register number");
                assertEquals("E01", c.ask("m0,7fffffff"), "longer than any reply");
                assertEquals("E01", c.ask(""), "empty");
                assertEquals("E14", c.ask("m7fffffff0000,4"), "memory that is not there");
                assertEquals("", c.ask("vMustReplyEmpty"));

                assertEquals("m<?xml version=\"1.0\"?>\n<!DOCTYPE ", c.ask("qXfer:features:read:target.xml:0,20"), "a first chunk (lengths are hex)");
                assertEquals("l</target>\n", c.ask("qXfer:features:read:target.xml:" + Integer.toHexString(TargetDescription.xml().length() - 10) + ",1000"), "the last");

                long loop = m.symbols().address("loop");
                c.send("c");
                Thread.sleep(300);
                assertTrue(m.instructionsExecuted() > 100_000, "the machine is running: " + m.instructionsExecuted());
                c.raw("\u0003");
                assertEquals("T02thread:01;", c.receive(), "SIGINT stop");
                String regs = c.ask("g");
                assertEquals(2 * (17 * 8 + 7 * 4), regs.length(), regs);
                long rip = Long.reverseBytes(Long.parseUnsignedLong(regs.substring(16 * 16, 17 * 16), 16));
                assertTrue(rip >= loop && rip <= loop + 3, "stopped in the loop: 0x" + Long.toHexString(rip));
                assertEquals("T02thread:01;", c.ask("?"), "the last stop, again");
                c.send("k");
            }
            serving.thread().join(10_000);
            assertTrue(!serving.thread().isAlive(), "a kill ends the server");
            assertEquals(List.of("micros gdb: gdb disconnected (killed)"), log.subList(1, log.size()));
        }
    }

    /** A gdb that quits while the machine runs must not leave the server running it forever; the next one finds it stopped. */
    @Test
    void aConnectionClosedWhileRunningEndsTheSessionAndTheServerServesOn() throws Exception {
        try (Machine m = Machine.boot("loop.elf", Fixtures.loop(0xFFFF_FFFFL).bytes(), MachineConfig.defaults());
             GdbBatch.Serving serving = GdbBatch.Serving.start(m)) {
            try (Client c = new Client(serving.port())) {
                c.send("c");
                assertEquals('+', c.in.read());
                Thread.sleep(200);
            }
            serving.awaitLog(2);
            assertEquals("micros gdb: gdb disconnected (connection closed while the machine ran)", serving.log().getLast());
            long stoppedAt = m.instructionsExecuted();
            Thread.sleep(100);
            assertEquals(stoppedAt, m.instructionsExecuted(), "the machine stopped with the session");
            try (Client c = new Client(serving.port())) {
                assertEquals("S05", c.ask("?"), "a second client is served");
                c.raw("+");
                assertEquals("OK", c.ask("D"));
            }
            serving.awaitLog(4);
            assertEquals("micros gdb: gdb disconnected (detached)", serving.log().getLast());
        }
    }

    /** A connection that opens and closes without a packet (a port scanner, a script checking the port) is ignored. */
    @Test
    void aPortProbeIsIgnored() throws Exception {
        try (Machine m = Machine.boot("hello.elf", Fixtures.hello().bytes(), MachineConfig.defaults());
             GdbBatch.Serving serving = GdbBatch.Serving.start(m)) {
            for (int i = 0; i < 3; i++) new Socket(InetAddress.getLoopbackAddress(), serving.port()).close();
            try (Client c = new Client(serving.port())) {
                assertEquals("S05", c.ask("?"), "served after the probes");
                c.raw("+");
                assertEquals("OK", c.ask("D"));
            }
            serving.awaitLog(2);
            assertEquals(2, serving.log().size(), "one session logged, the probes not: " + serving.log());
            assertTrue(serving.log().getFirst().startsWith("micros gdb: gdb connected from "), serving.log().toString());
        }
    }

    /** A machine that cannot go on stops with a signal that says so (SIGSEGV for a triple fault), and the server logs why. */
    @Test
    void aTripleFaultStopsWithSigsegv() throws Exception {
        try (Machine m = Machine.boot("triple-fault.elf", ExceptionKernels.tripleFault().bytes(), MachineConfig.defaults());
             GdbBatch.Serving serving = GdbBatch.Serving.start(m)) {
            List<String> log = serving.log();
            try (Client c = new Client(serving.port())) {
                assertEquals("T0bthread:01;", c.ask("c"));
                c.send("k");
            }
            serving.thread().join(5_000);
            assertTrue(log.get(1).startsWith("micros gdb: stopped: triple fault"), log.toString());
        }
    }
}
