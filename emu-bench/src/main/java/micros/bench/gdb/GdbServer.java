package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.StopReason;
import micros.bench.machine.cpu.Register;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A GDB remote serial protocol server for one machine: registers (amd64 layout plus control registers,
 * see {@link TargetDescription}), memory through the guest's page tables, breakpoints and watchpoints
 * ({@link Stops}), stepi, continue, and Ctrl-C while running. The machine runs in slices so that an
 * interrupt from gdb is seen promptly.
 */
public final class GdbServer {
    private static final long SLICE = 200_000;
    /** The most bytes one 'm' reply carries: PacketSize (0x4000) hex digits. */
    private static final int MAX_READ = 0x2000;
    private static final String SUPPORTED = "PacketSize=4000;QStartNoAckMode+;qXfer:features:read+;swbreak+;hwbreak+";

    private final Machine machine;
    private final Stops stops;
    private final Consumer<String> log;
    private Packets packets;
    private boolean halted;
    private String lastStop = "S05";
    /** gdb closed the connection while the machine ran. */
    private boolean gone;

    public GdbServer(Machine machine) { this(machine, System.err::println); }

    /** {@code log} gets one line per connection, disconnection and unusual stop. */
    public GdbServer(Machine machine, Consumer<String> log) {
        this.machine = machine;
        this.stops = new Stops(machine);
        this.log = log;
    }

    /**
     * Serves gdb connections on {@code server} one after another, as QEMU's gdbstub does: a gdb that detaches or
     * disconnects leaves the machine where it stopped for the next one. Returns when gdb kills the machine or
     * {@code server} is closed. A connection that closes before its first packet (a port probe) is not logged.
     */
    public void serve(ServerSocket server) throws IOException {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketException e) {
                if (server.isClosed()) return;
                throw e;
            }
            if (serveConnection(s) == Ending.KILLED) return;
        }
    }

    private enum Ending { KILLED, DETACHED, CLOSED, PROBE }

    private Ending serveConnection(Socket s) throws IOException {
        try (s) {
            s.setTcpNoDelay(true);
            packets = new Packets(s);
            gone = false;
            String first = packets.read();
            if (first == null) return Ending.PROBE;
            log.accept("micros gdb: gdb connected from " + s.getRemoteSocketAddress());
            Ending end;
            String why;
            try {
                end = session(first);
                why = switch (end) {
                    case KILLED -> "killed";
                    case DETACHED -> "detached";
                    default -> gone ? "connection closed while the machine ran" : "connection closed";
                };
            } catch (IOException e) { // gdb killed mid-packet, say: the session is over, the server is fine
                end = Ending.CLOSED;
                why = "connection lost: " + e.getMessage();
            }
            stops.clear(); // the next gdb inserts its own, as after a detach from QEMU
            log.accept("micros gdb: gdb disconnected (" + why + ")");
            return end;
        }
    }

    /** Answers packets, from {@code packet} on, until the session ends; says how it ended. */
    private Ending session(String packet) throws IOException {
        for (; packet != null; packet = packets.read()) {
            if (packet.equals("k")) return Ending.KILLED;
            if (packet.startsWith("D")) { packets.send("OK"); return Ending.DETACHED; }
            String reply;
            try {
                reply = handle(packet);
            } catch (RuntimeException e) { // a malformed packet: gdb gets an error, the session goes on
                reply = "E01";
            }
            if (gone) return Ending.CLOSED;
            if (reply != null) packets.send(reply);
        }
        return Ending.CLOSED;
    }

    /** The reply to one packet; null for none. An empty reply tells gdb the packet is not supported. */
    private String handle(String p) throws IOException {
        if (p.equals(Packets.INTERRUPT)) return "T02thread:01;"; // Ctrl-C while already stopped
        switch (p.charAt(0)) {
            case '?': return lastStop;
            case 'g': return TargetDescription.gPacket(machine);
            case 'p': return TargetDescription.value(machine, Integer.parseInt(p.substring(1), 16));
            case 'm': {
                String[] a = p.substring(1).split(",");
                long address = Long.parseUnsignedLong(a[0], 16);
                int length = Integer.parseInt(a[1], 16);
                if (length > MAX_READ) return "E01"; // more than a reply can carry: a broken request, not an allocation
                try {
                    return HexFormat.of().formatHex(machine.readVirtual(address, length));
                } catch (RuntimeException e) {
                    return "E14"; // not mapped: gdb says "Cannot access memory"
                }
            }
            case 'M': {
                int colon = p.indexOf(':');
                String[] a = p.substring(1, colon).split(",");
                long address = Long.parseUnsignedLong(a[0], 16);
                byte[] bytes = HexFormat.of().parseHex(p.substring(colon + 1));
                try {
                    machine.writeVirtual(address, bytes);
                    return "OK";
                } catch (RuntimeException e) {
                    return "E14";
                }
            }
            case 'P': return writeRegister(p.substring(1));
            case 'G': return "E01"; // gdb writes single registers with 'P'; a whole set would include segments and rip
            case 'Z': case 'z': return stops.change(p);
            case 's': return stopped(machine.step(1));
            case 'c': return resume();
            case 'H': case 'T': return "OK";
            case 'q': return query(p);
            case 'Q':
                if (p.equals("QStartNoAckMode")) {
                    packets.send("OK");
                    packets.stopAcknowledging();
                    return null;
                }
                return "";
            default: return "";
        }
    }

    /** {@code N=VALUE}: general registers and eflags directly, rip through the machine, which starts runs there. */
    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        int number = Integer.parseInt(args.substring(0, eq), 16);
        long value = TargetDescription.parse(args.substring(eq + 1));
        if (number == TargetDescription.RIP) {
            machine.jumpTo(value);
            halted = false;
            return "OK";
        }
        Register r = TargetDescription.writable(number);
        if (r == null) return "E01";
        machine.setReg(r, value);
        return "OK";
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) return SUPPORTED;
        if (p.equals("qAttached")) return "1";
        if (p.equals("qC")) return "QC1";
        if (p.equals("qfThreadInfo")) return "m1";
        if (p.equals("qsThreadInfo")) return "l";
        if (p.startsWith("qXfer:features:read:")) return features(p.substring("qXfer:features:read:".length()));
        return "";
    }

    /** {@code target.xml:OFFSET,LENGTH}: a chunk of the description, 'm' if more follows, 'l' for the last. */
    private static String features(String args) {
        int colon = args.lastIndexOf(':');
        if (!args.substring(0, colon).equals("target.xml")) return "E00";
        String[] a = args.substring(colon + 1).split(",");
        int offset = Integer.parseInt(a[0], 16), length = Integer.parseInt(a[1], 16);
        String xml = TargetDescription.xml();
        if (offset >= xml.length()) return "l";
        int end = Math.min(xml.length(), offset + length);
        return (end == xml.length() ? "l" : "m") + Packets.escape(xml.substring(offset, end));
    }

    /** Runs in slices until a stop, checking between slices whether gdb sent Ctrl-C (0x03). */
    private String resume() throws IOException {
        if (halted) return lastStop;
        while (true) {
            StopReason why = machine.run(SLICE);
            if (!(why instanceof StopReason.BudgetExhausted)) return stopped(why);
            int b = packets.poll();
            if (b == 0x03) return lastStop = "T02thread:01;";
            if (b == -1) {
                gone = true;
                return null;
            }
        }
    }

    /** The stop reply for {@code why}; remembered for '?'. Stops gdb cannot explain are logged. */
    private String stopped(StopReason why) {
        if (why instanceof StopReason.Halted) halted = true;
        boolean expected = why instanceof StopReason.Breakpoint || why instanceof StopReason.Watchpoint
                || why instanceof StopReason.BudgetExhausted;
        if (!expected) log.accept("micros gdb: stopped: " + why);
        return lastStop = stops.reply(why);
    }
}
