package micros.bench.cli;

import micros.bench.gdb.GdbServer;
import micros.bench.machine.BootException;
import micros.bench.machine.Machine;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;

/** {@code ./micros gdb}: serves gdb's remote protocol on localhost for the booted machine. */
public final class GdbCommand {
    public static final int DEFAULT_PORT = 1234;

    private GdbCommand() {}

    /** Serves one gdb session; 1 when the machine does not boot. */
    public static int run(BootCommand.Options o, int port, PrintStream out, PrintStream err) throws IOException {
        try (Machine m = BootCommand.boot(o);
             ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            for (String w : m.warnings()) err.println("micros gdb: warning: " + w);
            m.serial().onOutput(b -> { out.write(b); if (b == '\n') out.flush(); });
            err.println("micros: gdb server on localhost:" + server.getLocalPort() + " for " + o.kernel()
                    + "; in gdb: file " + o.kernel() + " / target remote :" + server.getLocalPort());
            new GdbServer(m).serve(server);
            return 0;
        } catch (BootException e) {
            err.println("micros gdb: " + e.getMessage());
            return 1;
        }
    }
}
