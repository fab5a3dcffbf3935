package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code ./micros qemu}: boots the kernel and its modules in QEMU with COM1 on stdout, and ends when the
 * kernel says how the system ended. The ISO is the signed one {@code ./micros iso} builds, but with
 * {@code exit=isa-debug} on the kernel's command line (the release ISO for real machines has none: port
 * 0xf4 is no device there), cached under release/target/qemu-isos.
 */
public final class QemuCommand {
    static final String USAGE = """
            usage: micros qemu [--uefi | --secure-boot] [--disk] [--iso FILE] [--cpu MODEL] [--timeout SECONDS] [--screenshot PNG]
                               [iso options: --kernel, --module, --plain, key options]
              --secure-boot  OVMF with Secure Boot on and the signing certificate (--db-cert, else the development one) enrolled
              --disk         the ISO as a hard disk, as when written to a USB stick
              --iso          boot this ISO as it is (its grub.cfg must pass exit=isa-debug for the run to end by itself)
              --timeout      end the run after SECONDS (a memory manager that never waits runs until then)
              --screenshot   the screen as a PNG once the kernel has said how the system ended (or at the timeout)
            exit status: 0 the kernel's status was 0 (every process waits), 1 another status, no status or the timeout, 2 usage""";

    public static void main(String[] args) {
        Cli.main("qemu", USAGE, () -> {
            Cli.Args a = Cli.parse(args, IsoCommand.union(Set.of("--iso", "--cpu", "--timeout", "--screenshot", "--kernel", "--module"), IsoCommand.KEY_OPTIONS),
                    Set.of("--uefi", "--secure-boot", "--disk", "--plain"));
            if (!a.positional().isEmpty()) throw new ReleaseException("usage: unexpected argument '" + a.positional().getFirst() + "'");
            if (a.has("--uefi") && a.has("--secure-boot")) throw new ReleaseException("usage: --uefi and --secure-boot exclude each other");
            long timeout = a.value("--timeout") == null ? 0 : parseSeconds(a.value("--timeout"));
            Path png = a.value("--screenshot") == null ? null : Path.of(a.value("--screenshot"));
            Path iso = a.value("--iso") != null ? Path.of(a.value("--iso")) : QemuRun.iso(IsoCommand.spec(a));
            Qemu.Setup setup = a.has("--secure-boot") ? Qemu.Setup.secureBoot(secureBootVars(a))
                    : a.has("--uefi") ? Qemu.Setup.uefi() : Qemu.Setup.bios();
            if (a.has("--disk")) setup = setup.onDisk();
            if (a.value("--cpu") != null) setup = setup.withCpu(a.value("--cpu"));
            System.err.println("micros qemu: booting " + iso + " (" + setup.firmware().name().toLowerCase()
                    + (timeout > 0 ? ", at most " + timeout + " s" : "") + ")");
            QemuRun.Result r = QemuRun.run(iso, setup, timeout, png, System.out);
            if (png != null && Files.isRegularFile(png)) System.err.println("micros qemu: screenshot " + png.toAbsolutePath());
            System.err.println("micros qemu: " + r.describe(timeout));
            if (!r.ok()) System.exit(1);
        });
    }

    private static long parseSeconds(String s) {
        try {
            long v = Long.parseLong(s);
            if (v > 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ReleaseException("usage: --timeout: '" + s + "' is not a positive number of seconds");
    }

    /** The variable store with the certificate this ISO is signed with enrolled. */
    private static Path secureBootVars(Cli.Args a) {
        if (a.value("--db-cert") != null) return SecureBootVars.make(Path.of(a.value("--db-cert")), Path.of("release/target/OVMF_VARS_4M.secure-boot.fd"));
        if (!Files.isRegularFile(Project.DEVELOPMENT_VARS)) SecureBootVars.make(Project.developmentKeys().dbCert(), Project.DEVELOPMENT_VARS);
        return Project.DEVELOPMENT_VARS;
    }
}
