package micros.bench.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The remote protocol's framing: {@code $data#checksum}, the '+'/'-' acknowledgements until gdb turns
 * them off, and the out-of-band Ctrl-C byte.
 */
final class Packets {
    /** What {@link #read} returns for a lone 0x03 byte (Ctrl-C) outside a packet. */
    static final String INTERRUPT = "\u0003";

    /** What {@link #poll} returns when gdb sent nothing. */
    static final int NOTHING = -2;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean ack = true;

    Packets(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** After QStartNoAckMode's OK: neither side acknowledges any more. */
    void stopAcknowledging() { ack = false; }

    /** The next packet's data, {@link #INTERRUPT}, or null when gdb closed the connection. */
    String read() throws IOException {
        while (true) {
            int b;
            do {
                b = in.read();
                if (b < 0) return null;
                if (b == 0x03) return INTERRUPT;
            } while (b != '$');
            StringBuilder s = new StringBuilder();
            int sum = 0;
            while ((b = in.read()) != '#') {
                if (b < 0) return null;
                s.append((char) b);
                sum += b;
            }
            int hi = Character.digit(in.read(), 16), lo = Character.digit(in.read(), 16);
            boolean good = hi >= 0 && lo >= 0 && (hi << 4 | lo) == (sum & 0xFF);
            if (ack) write(good ? "+" : "-");
            if (good || !ack) return s.toString(); // without acks there is no retransmission to ask for
        }
    }

    /**
     * Between slices of a running machine: the byte gdb sent (0x03 for Ctrl-C), {@link #NOTHING}, or -1 when
     * gdb has gone. available() alone never sees the end of the stream, so a machine left running by a gdb
     * that quit would run on forever; a read with a 1 ms timeout does.
     */
    int poll() throws IOException {
        if (in.available() > 0) return in.read();
        socket.setSoTimeout(1);
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return NOTHING;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /** Sends one packet; with acks on, again until gdb acknowledges it with '+'. */
    void send(String data) throws IOException {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) sum += data.charAt(i);
        String framed = "$" + data + "#" + String.format("%02x", sum & 0xFF);
        while (true) {
            write(framed);
            if (!ack) return;
            int b;
            do b = in.read(); while (b != '+' && b != '-' && b >= 0);
            if (b != '-') return;
        }
    }

    /** Binary data escaped as the protocol wants ('}' then the byte xor 0x20 for '#', '$', '}' and '*'). */
    static String escape(String data) {
        StringBuilder s = new StringBuilder();
        for (char c : data.toCharArray()) {
            if (c == '#' || c == '$' || c == '}' || c == '*') s.append('}').append((char) (c ^ 0x20));
            else s.append(c);
        }
        return s.toString();
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
