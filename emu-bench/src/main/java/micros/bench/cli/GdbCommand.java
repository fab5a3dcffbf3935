package micros.bench.cli;

import micros.bench.gdb.GdbServer;
import micros.bench.machine.BootException;
import micros.bench.machine.Machine;

import java.net.InetAddress;
import java.net.ServerSocket;

/** {@code ./micros gdb [--port 1234] [--kernel FILE ...]}: serves gdb's remote protocol on localhost. */
public final class GdbCommand {
    public static void main(String[] args) throws Exception {
        int port = 1234;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) port = Integer.parseInt(BootCommand.value(args, ++i, "--port"));
            else rest.add(args[i]);
        }
        BootCommand.Options o;
        try {
            o = BootCommand.parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println("micros gdb: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.listedCpuModels()) return;
        try (Machine m = Machine.boot(o.kernel().toString(), BootCommand.read(o.kernel(), "kernel"), BootCommand.config(o));
             ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            for (String w : m.warnings()) System.err.println("micros gdb: warning: " + w);
            m.serial().onOutput(b -> { System.out.write(b); if (b == '\n') System.out.flush(); });
            System.err.println("micros: gdb server on localhost:" + server.getLocalPort() + " for " + o.kernel()
                    + "; in gdb: file " + o.kernel() + " / target remote :" + server.getLocalPort());
            new GdbServer(m).serve(server);
        } catch (BootException e) {
            System.err.println("micros gdb: " + e.getMessage());
            System.exit(1);
        }
    }

}
