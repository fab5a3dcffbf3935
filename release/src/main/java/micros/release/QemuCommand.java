package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./micros qemu}: builds the ISO (as {@code ./micros iso} does) and boots it in QEMU with COM1 on
 * stdout. The kernel halts but QEMU keeps running: end it with Ctrl-C or give {@code --timeout}.
 */
public final class QemuCommand {
    static final String USAGE = """
            usage: micros qemu [--uefi | --secure-boot] [--disk] [--iso FILE] [--cpu MODEL] [--timeout SECONDS] [--screenshot PNG]
                               [iso options: --kernel, --module, --plain, key options]
              --secure-boot  OVMF with Secure Boot on and the signing certificate (--db-cert, else the development one) enrolled
              --disk         the ISO as a hard disk, as when written to a USB stick
              --screenshot   at the end (needs --timeout), the screen as a PNG""";

    public static void main(String[] args) {
        Cli.main("qemu", USAGE, () -> {
            Cli.Args a = Cli.parse(args, IsoCommand.union(Set.of("--iso", "--cpu", "--timeout", "--screenshot", "--kernel", "--module"), IsoCommand.KEY_OPTIONS),
                    Set.of("--uefi", "--secure-boot", "--disk", "--plain"));
            if (a.has("--uefi") && a.has("--secure-boot")) throw new ReleaseException("usage: --uefi and --secure-boot exclude each other");
            long timeout = a.value("--timeout") == null ? 0 : parseSeconds(a.value("--timeout"));
            Path png = a.value("--screenshot") == null ? null : Path.of(a.value("--screenshot"));
            if (png != null && timeout == 0) throw new ReleaseException("usage: --screenshot needs --timeout");
            Path iso = a.value("--iso") != null ? Path.of(a.value("--iso")) : IsoBuilder.build(IsoCommand.spec(a), Project.ISO);
            Qemu.Setup setup = a.has("--secure-boot") ? Qemu.Setup.secureBoot(secureBootVars(a))
                    : a.has("--uefi") ? Qemu.Setup.uefi() : Qemu.Setup.bios();
            if (a.has("--disk")) setup = setup.onDisk();
            if (a.value("--cpu") != null) setup = setup.withCpu(a.value("--cpu"));
            run(iso, setup, timeout, png);
        });
    }

    private static long parseSeconds(String s) {
        try {
            long v = Long.parseLong(s);
            if (v > 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ReleaseException("--timeout: '" + s + "' is not a positive number of seconds");
    }

    /** The variable store with the certificate this ISO is signed with enrolled. */
    private static Path secureBootVars(Cli.Args a) {
        if (a.value("--db-cert") != null) return SecureBootVars.make(Path.of(a.value("--db-cert")), Path.of("release/target/OVMF_VARS_4M.secure-boot.fd"));
        if (!Files.isRegularFile(Project.DEVELOPMENT_VARS)) SecureBootVars.make(Project.developmentKeys().dbCert(), Project.DEVELOPMENT_VARS);
        return Project.DEVELOPMENT_VARS;
    }

    private static void run(Path iso, Qemu.Setup setup, long timeout, Path png) throws Exception {
        Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Path dir = Files.createTempDirectory("micros-qemu");
        try {
            Path vars = setup.firmware() == Qemu.Firmware.BIOS ? null
                    : Qemu.varsCopy(setup.vars() != null ? setup.vars() : Qemu.OVMF_VARS, dir);
            Path monitor = png == null ? null : dir.resolve("monitor");
            List<String> cmd = Qemu.command(iso.toAbsolutePath(), setup, vars, "stdio", monitor);
            System.err.println("micros: " + String.join(" ", cmd) + (timeout > 0 ? "" : "   (Ctrl-C ends it)"));
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread reaper = new Thread(p::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                if (timeout > 0 && !p.waitFor(timeout, TimeUnit.SECONDS) && png != null) {
                    Screendump.take(monitor, dir.resolve("screen.ppm"), png);
                    System.err.println("micros: screenshot " + png.toAbsolutePath());
                }
                if (timeout == 0) p.waitFor();
            } finally {
                p.destroyForcibly().waitFor();
                Runtime.getRuntime().removeShutdownHook(reaper);
            }
        } finally {
            Tools.deleteTree(dir);
        }
    }
}
