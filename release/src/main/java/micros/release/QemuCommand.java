package micros.release;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./micros qemu [--uefi]}: boots the ISO in QEMU with COM1 on stdout. The kernel halts but QEMU
 * keeps running: end it with Ctrl-C (or pass {@code --timeout S}).
 */
public final class QemuCommand {
    public static void main(String[] args) throws Exception {
        boolean uefi = false;
        long timeout = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--uefi" -> uefi = true;
                case "--timeout" -> timeout = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("micros qemu: unknown option '" + args[i] + "'\nusage: micros qemu [--uefi] [--timeout SECONDS]");
                    System.exit(2);
                }
            }
        }
        try {
            Path iso = IsoCommand.ensureIso();
            Tools.require("qemu-system-x86_64", "qemu-system-x86");
            Path vars = uefi ? Qemu.varsCopy(iso.toAbsolutePath().getParent()) : null;
            List<String> cmd = Qemu.command(iso, uefi, vars, "stdio");
            System.err.println("micros: " + String.join(" ", cmd) + (timeout > 0 ? "" : "   (Ctrl-C ends it)"));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            boolean done = timeout > 0 ? p.waitFor(timeout, java.util.concurrent.TimeUnit.SECONDS) : p.waitFor() >= 0;
            if (!done) p.destroyForcibly().waitFor();
            if (vars != null) java.nio.file.Files.deleteIfExists(vars);
        } catch (ReleaseException e) {
            System.err.println("micros qemu: " + e.getMessage());
            System.exit(1);
        }
    }
}
