package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * qemu-system-x86_64 booting an image under TCG (no KVM), with BIOS (SeaBIOS), UEFI (OVMF on q35) or
 * UEFI with Secure Boot (OVMF's secboot build with SMM and a variable store that has keys enrolled),
 * from a CD or from a disk (the ISO written to a USB stick). COM1 goes to a file or to stdout;
 * -no-reboot turns a triple fault into QEMU exiting; -nic none because OVMF would wait for PXE forever.
 */
public final class Qemu {
    public static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    public static final Path OVMF_CODE_SECURE_BOOT = Path.of("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd");
    public static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    public enum Firmware { BIOS, UEFI, SECURE_BOOT }

    /** How the image is attached: as a CD, or as a hard disk (what a USB stick written with it looks like). */
    public enum Media { CDROM, DISK }

    /**
     * The machine: firmware, media, CPU model (null: QEMU's default) and, for UEFI, the variable store
     * that each run gets a private copy of (null: the empty OVMF store).
     */
    public record Setup(Firmware firmware, Media media, String cpu, Path vars, boolean debugExit) {
        public Setup(Firmware firmware, Media media, String cpu, Path vars) { this(firmware, media, cpu, vars, false); }
        public static Setup bios() { return new Setup(Firmware.BIOS, Media.CDROM, null, null); }
        public static Setup uefi() { return new Setup(Firmware.UEFI, Media.CDROM, null, null); }
        public static Setup secureBoot(Path vars) { return new Setup(Firmware.SECURE_BOOT, Media.CDROM, null, vars); }
        public Setup onDisk() { return new Setup(firmware, Media.DISK, cpu, vars, debugExit); }
        public Setup withCpu(String model) { return new Setup(firmware, media, model, vars, debugExit); }
        /** With QEMU's isa-debug-exit device ({@link #DEBUG_EXIT}): a kernel's write to port 0xf4 ends QEMU with (value << 1) | 1. */
        public Setup withDebugExit() { return new Setup(firmware, media, cpu, vars, true); }
    }

    /** The device a kernel booted with {@code exit=isa-debug} reports its status to (blog_os's iobase and size). */
    public static final String DEBUG_EXIT = "isa-debug-exit,iobase=0xf4,iosize=0x04";

    /**
     * What a bounded boot waits for: {@code line} on COM1 ends it at once; any of {@code failures} ends it
     * {@code settleSeconds} later (so what follows the failure is in the log); {@code screenshot}, if not
     * null, receives a PNG of the screen taken just before QEMU is ended.
     */
    public record Watch(String line, List<String> failures, double settleSeconds, long timeoutSeconds, Path screenshot) {
        public Watch {
            failures = List.copyOf(failures);
        }

        public static Watch until(String line, long timeoutSeconds) { return new Watch(line, List.of(), 0, timeoutSeconds, null); }
        public Watch orFailure(double settle, String... lines) { return new Watch(line, List.of(lines), settle, timeoutSeconds, screenshot); }
        public Watch withScreenshot(Path png) { return new Watch(line, failures, settleSeconds, timeoutSeconds, png); }
    }

    /** How a bounded boot ended: the awaited line, a failure line (QEMU may have exited after it), QEMU exiting, or time. */
    public enum Ending { LINE, FAILURE, EXITED, TIMEOUT }

    /** The result of a bounded boot: the COM1 log, whether the awaited line appeared, and how long it took. */
    public record Boot(String serial, boolean sawLine, double seconds, Ending ending) {
        public Boot(String serial, boolean sawLine, double seconds) { this(serial, sawLine, seconds, sawLine ? Ending.LINE : Ending.TIMEOUT); }
    }

    private Qemu() {}

    /** The command line; {@code vars} is a writable copy of the variable store (UEFI only), {@code monitor} a socket path or null. */
    public static List<String> command(Path image, Setup setup, Path vars, String serial, Path monitor) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m", "256M",
                "-display", "none", "-no-reboot", "-nic", "none", "-serial", serial,
                "-monitor", monitor == null ? "none" : "unix:" + monitor + ",server,nowait"));
        if (setup.cpu() != null) cmd.addAll(List.of("-cpu", setup.cpu()));
        if (setup.debugExit()) cmd.addAll(List.of("-device", DEBUG_EXIT));
        switch (setup.firmware()) {
            case BIOS -> {}
            case UEFI -> cmd.addAll(List.of("-machine", "q35"));
            case SECURE_BOOT -> cmd.addAll(List.of("-machine", "q35,smm=on", "-global", "driver=cfi.pflash01,property=secure,value=on"));
        }
        if (setup.firmware() != Firmware.BIOS) {
            Path code = setup.firmware() == Firmware.SECURE_BOOT ? OVMF_CODE_SECURE_BOOT : OVMF_CODE;
            cmd.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + code,
                    "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        }
        if (setup.media() == Media.DISK) cmd.addAll(List.of("-drive", "file=" + image + ",format=raw,media=disk,snapshot=on"));
        else cmd.addAll(List.of("-cdrom", image.toString()));
        return cmd;
    }

    /** The command line; {@code vars} is a writable copy of the OVMF variable store (UEFI only). */
    public static List<String> command(Path iso, boolean uefi, Path vars, String serial) { return command(iso, uefi, vars, serial, null); }

    /** With {@code cpu} (e.g. {@code qemu32}, a CPU without long mode) or null for QEMU's default. */
    public static List<String> command(Path iso, boolean uefi, Path vars, String serial, String cpu) {
        return command(iso, (uefi ? Setup.uefi() : Setup.bios()).withCpu(cpu), vars, serial, null);
    }

    /** A private copy of the empty OVMF variables in {@code dir}, since OVMF writes to them. */
    public static Path varsCopy(Path dir) { return varsCopy(OVMF_VARS, dir); }

    static Path varsCopy(Path template, Path dir) {
        try {
            if (!Files.isRegularFile(template)) throw new ReleaseException(template + ": not found (install the Debian package ovmf)");
            Path vars = Files.createTempFile(dir, "OVMF_VARS", ".fd");
            Files.copy(template, vars, StandardCopyOption.REPLACE_EXISTING);
            return vars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Boot bootUntil(Path iso, boolean uefi, String line, long timeoutSeconds) { return bootUntil(iso, uefi, null, line, timeoutSeconds); }

    public static Boot bootUntil(Path iso, boolean uefi, String cpu, String line, long timeoutSeconds) {
        return boot(iso, (uefi ? Setup.uefi() : Setup.bios()).withCpu(cpu), Watch.until(line, timeoutSeconds));
    }

    /**
     * Boots {@code image} until {@code watch} is satisfied or its time is up; QEMU is always ended (by its
     * process, never by name) before this returns, and its temporary files are removed.
     */
    public static Boot boot(Path image, Setup setup, Watch watch) {
        Tools.require("qemu-system-x86_64", "qemu-system-x86");
        if (!Files.isRegularFile(image)) throw new ReleaseException(image + ": image not found");
        Path dir = null;
        Process p = null;
        Thread reaper = null;
        long t0 = System.nanoTime();
        try {
            dir = Files.createTempDirectory("micros-qemu");
            Path log = Files.createFile(dir.resolve("com1.log"));
            Path vars = setup.firmware() == Firmware.BIOS ? null
                    : varsCopy(setup.vars() != null ? setup.vars() : OVMF_VARS, dir);
            Path monitor = watch.screenshot() == null ? null : dir.resolve("monitor");
            p = new ProcessBuilder(command(image.toAbsolutePath(), setup, vars, "file:" + log, monitor)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("qemu.log").toFile()).start();
            Process qemu = p;
            reaper = new Thread(qemu::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            long deadline = t0 + watch.timeoutSeconds() * 1_000_000_000L, failedAt = 0;
            Ending ending = Ending.TIMEOUT;
            while (System.nanoTime() < deadline) {
                boolean exited = !p.isAlive();   // before reading, so that the read sees all it wrote
                String serial = Files.readString(log, StandardCharsets.ISO_8859_1);
                if (serial.contains(watch.line())) { ending = Ending.LINE; break; }
                if (failedAt == 0 && watch.failures().stream().anyMatch(serial::contains)) failedAt = System.nanoTime();
                if (failedAt != 0 && System.nanoTime() - failedAt > watch.settleSeconds() * 1e9) { ending = Ending.FAILURE; break; }
                // a refusal that powers the machine off (GRUB's halt) is still that refusal
                if (exited) { ending = failedAt != 0 ? Ending.FAILURE : Ending.EXITED; break; }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (monitor != null && p.isAlive()) Screendump.take(monitor, dir.resolve("screen.ppm"), watch.screenshot());
            return new Boot(Files.readString(log, StandardCharsets.ISO_8859_1), ending == Ending.LINE, seconds, ending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseException("qemu: interrupted");
        } finally {
            if (p != null) {
                p.destroyForcibly();
                try { p.waitFor(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
            if (reaper != null) {
                try { Runtime.getRuntime().removeShutdownHook(reaper); } catch (IllegalStateException ignored) { /* shutting down */ }
            }
            try {
                if (dir != null) Tools.deleteTree(dir);
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
