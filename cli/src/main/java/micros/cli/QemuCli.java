package micros.cli;

import micros.release.QemuCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./micros qemu}: the front end of release's {@link QemuCommand}. */
@Command(name = "qemu", description = {"Boot the kernel and its modules in QEMU (TCG) with COM1 on stdout, until the kernel says how the system ended.",
        "The ISO is the signed one ./micros iso builds, with exit=isa-debug on the kernel's command line (the kernel's status ends QEMU)."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the kernel's status was 0 (every process waits)", "1:another status, no status, the timeout, or the ISO could not be built",
                ExitStatus.USAGE_LINE})
final class QemuCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin IsoArgs image;
    @ArgGroup(exclusive = true) Firmware firmware = new Firmware();
    @Option(names = "--disk", description = "the ISO as a hard disk, as when written to a USB stick")
    boolean disk;
    @Option(names = "--iso", paramLabel = "FILE", converter = ExistingFile.class,
            description = "boot this ISO as it is (its grub.cfg must pass exit=isa-debug for the run to end by itself)")
    Path iso;
    @Mixin CpuOption cpu;
    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Sizes.Count.class, description = "end the run after SECONDS (a memory manager that never waits runs until then)")
    long timeout;
    @Option(names = "--screenshot", paramLabel = "PNG", description = "the screen as a PNG once the kernel has said how the system ended (or at the timeout)")
    Path screenshot;

    static final class Firmware {
        @Option(names = "--uefi", description = "boot with OVMF (UEFI) instead of SeaBIOS") boolean uefi;
        @Option(names = "--secure-boot", description = "OVMF with Secure Boot on and the signing certificate (--db-cert, else the development one) enrolled")
        boolean secureBoot;

        QemuCommand.Firmware kind() { return secureBoot ? QemuCommand.Firmware.SECURE_BOOT : uefi ? QemuCommand.Firmware.UEFI : QemuCommand.Firmware.BIOS; }
    }

    @Override public Integer call() throws Exception {
        Io io = Io.of(spec);
        if (cpu.cpu.listed(io.out())) return ExitStatus.OK;
        QemuCommand.Options o = new QemuCommand.Options(firmware.kind(), disk, iso, cpu.cpu.model().qemuName(), timeout, screenshot);
        return QemuCommand.run(image.options(), o, io.out(), io.err());
    }
}
