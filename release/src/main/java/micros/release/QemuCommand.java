package micros.release;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./micros qemu}: boots the kernel and its modules in QEMU with COM1 on stdout, and ends when the
 * kernel says how the system ended. The ISO is the signed one {@code ./micros iso} builds, but with
 * {@code exit=isa-debug} on the kernel's command line (the release ISO for real machines has none: port
 * 0xf4 is no device there), cached under release/target/qemu-isos.
 */
public final class QemuCommand {
    public enum Firmware { BIOS, UEFI, SECURE_BOOT }

    /**
     * How to boot: the firmware, the ISO as a disk instead of a CD, an ISO to boot as it is (null: build one),
     * QEMU's {@code -cpu} name (null: its default), seconds until the run is ended (0: none), a screenshot
     * once the kernel has said how the system ended, or at the timeout (null: none).
     */
    public record Options(Firmware firmware, boolean disk, Path iso, String cpu, long timeoutSeconds, Path screenshot) {}

    private QemuCommand() {}

    /** The exit status: 0 when the kernel's status was 0 (every process waits), 1 another status, no status or the timeout. */
    public static int run(IsoOptions image, Options o, PrintStream out, PrintStream err) throws Exception {
        Path iso = o.iso() != null ? o.iso() : QemuRun.iso(image.spec());
        Qemu.Setup setup = switch (o.firmware()) {
            case SECURE_BOOT -> Qemu.Setup.secureBoot(secureBootVars(image));
            case UEFI -> Qemu.Setup.uefi();
            case BIOS -> Qemu.Setup.bios();
        };
        if (o.disk()) setup = setup.onDisk();
        if (o.cpu() != null) setup = setup.withCpu(o.cpu());
        long timeout = o.timeoutSeconds();
        err.println("micros qemu: booting " + iso + " (" + setup.firmware().name().toLowerCase()
                + (timeout > 0 ? ", at most " + timeout + " s" : "") + ")");
        QemuRun.Result r = QemuRun.run(iso, setup, timeout, o.screenshot(), out);
        if (o.screenshot() != null && Files.isRegularFile(o.screenshot())) err.println("micros qemu: screenshot " + o.screenshot().toAbsolutePath());
        err.println("micros qemu: " + r.describe(timeout));
        return r.ok() ? 0 : 1;
    }

    /** The variable store with the certificate this ISO is signed with enrolled. */
    private static Path secureBootVars(IsoOptions image) {
        String cert = image.keys().get("--db-cert");
        if (cert != null) return SecureBootVars.make(Path.of(cert), Path.of("release/target/OVMF_VARS_4M.secure-boot.fd"));
        if (!Files.isRegularFile(Project.DEVELOPMENT_VARS)) SecureBootVars.make(Project.developmentKeys().dbCert(), Project.DEVELOPMENT_VARS);
        return Project.DEVELOPMENT_VARS;
    }
}
