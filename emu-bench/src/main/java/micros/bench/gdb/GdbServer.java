package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.StopReason;
import micros.bench.unicorn.X86;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A GDB remote serial protocol server for one machine: registers (amd64 layout), memory through the
 * guest's page tables, software breakpoints, stepi, continue, and Ctrl-C while running. The machine runs
 * in slices so that an interrupt from gdb is seen promptly.
 */
public final class GdbServer {
    private static final long SLICE = 200_000;
    /** gdb's amd64 'g' layout up to gs: 16 GPRs and rip as 8 bytes, eflags and six segments as 4. */
    private static final int[] GPRS = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP,
        X86.R8, X86.R9, X86.R10, X86.R11, X86.R12, X86.R13, X86.R14, X86.R15, X86.RIP};
    private static final int[] SMALL = {X86.EFLAGS, X86.CS, X86.SS, X86.DS, X86.ES, X86.FS, X86.GS};

    private final Machine machine;
    private final Map<Long, Long> breakpoints = new HashMap<>();
    private InputStream in;
    private OutputStream out;
    private boolean ack = true;
    private boolean halted;

    public GdbServer(Machine machine) { this.machine = machine; }

    /** Serves one gdb connection on {@code server}; returns when gdb detaches or kills. */
    public void serve(ServerSocket server) throws IOException {
        try (Socket s = server.accept()) {
            s.setTcpNoDelay(true);
            in = s.getInputStream();
            out = s.getOutputStream();
            while (true) {
                String packet = readPacket();
                if (packet == null) return;
                String reply = handle(packet);
                if (reply == null) return;
                send(reply);
            }
        }
    }

    private String handle(String p) throws IOException {
        char c = p.isEmpty() ? ' ' : p.charAt(0);
        switch (c) {
            case '?': return "S05";
            case 'g': return registers();
            case 'm': {
                String[] a = p.substring(1).split(",");
                try {
                    return HexFormat.of().formatHex(machine.readVirtual(Long.parseUnsignedLong(a[0], 16), Integer.parseInt(a[1], 16)));
                } catch (RuntimeException e) {
                    return "E14";
                }
            }
            case 'M': {
                int colon = p.indexOf(':');
                String[] a = p.substring(1, colon).split(",");
                try {
                    machine.writeVirtual(Long.parseUnsignedLong(a[0], 16), HexFormat.of().parseHex(p.substring(colon + 1)));
                    return "OK";
                } catch (RuntimeException e) {
                    return "E14";
                }
            }
            case 'Z': case 'z': return breakpoint(p);
            case 's': return stop(machine.step(1), true);
            case 'c': return resume();
            case 'k': return null;
            case 'D': send("OK"); return null;
            case 'H': return "OK";
            case 'T': return "OK";
            case 'q':
                if (p.startsWith("qSupported")) return "PacketSize=4000;QStartNoAckMode+";
                if (p.equals("qAttached")) return "1";
                if (p.equals("qC")) return "QC1";
                if (p.equals("qfThreadInfo")) return "m1";
                if (p.equals("qsThreadInfo")) return "l";
                return "";
            case 'Q':
                if (p.equals("QStartNoAckMode")) { send("OK"); ack = false; return "\0"; }
                return "";
            default: return "";
        }
    }

    private String registers() {
        StringBuilder s = new StringBuilder();
        for (int r : GPRS) s.append(le(machine.engine().reg(r), 8));
        for (int r : SMALL) s.append(le(machine.engine().reg(r), 4));
        return s.toString();
    }

    private static String le(long v, int bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes; i++) s.append(String.format("%02x", (v >>> (8 * i)) & 0xFF));
        return s.toString();
    }

    private String breakpoint(String p) {
        String[] a = p.substring(1).split(",");
        if (!a[0].equals("0")) return ""; // software breakpoints only
        long address = Long.parseUnsignedLong(a[1], 16);
        if (p.charAt(0) == 'Z') breakpoints.computeIfAbsent(address, at -> machine.stopAt(at, "breakpoint at 0x" + Long.toHexString(at)));
        else { Long h = breakpoints.remove(address); if (h != null) machine.clearStop(h); }
        return "OK";
    }

    /** Runs in slices until a stop, checking between slices whether gdb sent Ctrl-C (0x03). */
    private String resume() throws IOException {
        if (halted) return "S05";
        while (true) {
            StopReason why = machine.run(SLICE);
            if (!(why instanceof StopReason.BudgetExhausted)) return stop(why, false);
            if (in.available() > 0) {
                int b = in.read();
                if (b == 0x03) return "S02";
            }
        }
    }

    private String stop(StopReason why, boolean step) {
        if (why instanceof StopReason.Halted) halted = true;
        if (why instanceof StopReason.UnhandledException || why instanceof StopReason.TripleFault) return "S0b";
        return "S05";
    }

    // --- packets -------------------------------------------------------------------------

    private String readPacket() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) return null;
            if (b == 0x03) return "?";
        } while (b != '$');
        StringBuilder s = new StringBuilder();
        while ((b = in.read()) != '#') {
            if (b < 0) return null;
            s.append((char) b);
        }
        in.read();
        in.read();
        if (ack) { out.write('+'); out.flush(); }
        return s.toString();
    }

    private void send(String data) throws IOException {
        if (data.equals("\0")) return;
        int sum = 0;
        for (char ch : data.toCharArray()) sum += ch;
        out.write(("$" + data + "#" + String.format("%02x", sum & 0xFF)).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (ack) in.read();
    }
}
