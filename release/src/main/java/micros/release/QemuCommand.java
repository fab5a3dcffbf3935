package micros.release;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./micros qemu}: builds the ISO (as {@code ./micros iso} does) and boots it in QEMU with COM1 on
 * stdout. The kernel halts but QEMU keeps running: end it with Ctrl-C or give {@code --timeout}.
 */
public final class QemuCommand {
    public enum Firmware { BIOS, UEFI, SECURE_BOOT }

    /**
     * How to boot: the firmware, the ISO as a disk instead of a CD, an ISO to boot as it is (null: build one),
     * QEMU's {@code -cpu} name (null: its default), seconds until the run is ended (0: none), a screenshot then (null: none).
     */
    public record Options(Firmware firmware, boolean disk, Path iso, String cpu, long timeoutSeconds, Path screenshot) {}

    private QemuCommand() {}

    public static int run(IsoOptions image, Options o, PrintStream err) throws Exception {
        Path iso = o.iso() != null ? o.iso() : IsoBuilder.build(image.spec(), Project.ISO);
        Qemu.Setup setup = switch (o.firmware()) {
            case SECURE_BOOT -> Qemu.Setup.secureBoot(secureBootVars(image));
            case UEFI -> Qemu.Setup.uefi();
            case BIOS -> Qemu.Setup.bios();
        };
        if (o.disk()) setup = setup.onDisk();
        if (o.cpu() != null) setup = setup.withCpu(o.cpu());
        run(iso, setup, o.timeoutSeconds(), o.screenshot(), err);
        return 0;
    }

    /** The variable store with the certificate this ISO is signed with enrolled. */
    private static Path secureBootVars(IsoOptions image) {
        String cert = image.keys().get("--db-cert");
        if (cert != null) return SecureBootVars.make(Path.of(cert), Path.of("release/target/OVMF_VARS_4M.secure-boot.fd"));
        if (!Files.isRegularFile(Project.DEVELOPMENT_VARS)) SecureBootVars.make(Project.developmentKeys().dbCert(), Project.DEVELOPMENT_VARS);
        return Project.DEVELOPMENT_VARS;
    }

    private static void run(Path iso, Qemu.Setup setup, long timeout, Path png, PrintStream err) throws Exception {
        Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Path dir = Files.createTempDirectory("micros-qemu");
        try {
            Path vars = setup.firmware() == Qemu.Firmware.BIOS ? null
                    : Qemu.varsCopy(setup.vars() != null ? setup.vars() : Qemu.OVMF_VARS, dir);
            Path monitor = png == null ? null : dir.resolve("monitor");
            List<String> cmd = Qemu.command(iso.toAbsolutePath(), setup, vars, "stdio", monitor);
            err.println("micros: " + String.join(" ", cmd) + (timeout > 0 ? "" : "   (Ctrl-C ends it)"));
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread reaper = new Thread(p::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                if (timeout > 0 && !p.waitFor(timeout, TimeUnit.SECONDS) && png != null) {
                    Screendump.take(monitor, dir.resolve("screen.ppm"), png);
                    err.println("micros: screenshot " + png.toAbsolutePath());
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
