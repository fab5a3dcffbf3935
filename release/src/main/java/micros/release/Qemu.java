package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * qemu-system-x86_64 booting an ISO under TCG (no KVM), with BIOS (SeaBIOS) or UEFI (OVMF on q35).
 * COM1 goes to a file or to stdout; -no-reboot turns a triple fault into QEMU exiting.
 */
public final class Qemu {
    public static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    public static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    /** The result of a bounded boot: the COM1 log, whether the awaited line appeared, and how long it took. */
    public record Boot(String serial, boolean sawLine, double seconds) {}

    private Qemu() {}

    /** The command line; {@code vars} is a writable copy of the OVMF variable store (UEFI only). */
    public static List<String> command(Path iso, boolean uefi, Path vars, String serial) { return command(iso, uefi, vars, serial, null); }

    /** With {@code cpu} (e.g. {@code qemu32}, a CPU without long mode) or null for QEMU's default. */
    public static List<String> command(Path iso, boolean uefi, Path vars, String serial, String cpu) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-m", "256M",
                "-display", "none", "-no-reboot", "-serial", serial, "-monitor", "none"));
        if (cpu != null) cmd.addAll(List.of("-cpu", cpu));
        if (uefi) {
            cmd.addAll(List.of("-machine", "q35",
                    "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars));
        }
        cmd.addAll(List.of("-cdrom", iso.toString()));
        return cmd;
    }

    /** A private copy of the OVMF variables next to {@code dir}, since OVMF writes to them. */
    public static Path varsCopy(Path dir) {
        try {
            if (!Files.isRegularFile(OVMF_VARS)) throw new ReleaseException(OVMF_VARS + ": not found (install the Debian package ovmf)");
            Path vars = Files.createTempFile(dir, "OVMF_VARS", ".fd");
            Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
            return vars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Boots {@code iso} until COM1 shows {@code line} or {@code timeoutSeconds} pass; QEMU is always
     * ended before this returns.
     */
    public static Boot bootUntil(Path iso, boolean uefi, String line, long timeoutSeconds) { return bootUntil(iso, uefi, null, line, timeoutSeconds); }

    public static Boot bootUntil(Path iso, boolean uefi, String cpu, String line, long timeoutSeconds) {
        Tools.require("qemu-system-x86_64", "qemu-system-x86");
        Path dir = iso.toAbsolutePath().getParent();
        Path log = null, vars = null;
        Process p = null;
        long t0 = System.nanoTime();
        try {
            log = Files.createTempFile(dir, "com1", ".log");
            vars = uefi ? varsCopy(dir) : null;
            p = new ProcessBuilder(command(iso, uefi, vars, "file:" + log, cpu)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = t0 + timeoutSeconds * 1_000_000_000L;
            String serial = "";
            while (System.nanoTime() < deadline) {
                serial = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (serial.contains(line)) return new Boot(serial, true, (System.nanoTime() - t0) / 1e9);
                if (!p.isAlive()) break;
                Thread.sleep(50);
            }
            return new Boot(Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1), false, (System.nanoTime() - t0) / 1e9);
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
            try {
                if (log != null) Files.deleteIfExists(log);
                if (vars != null) Files.deleteIfExists(vars);
            } catch (IOException ignored) {
                // temporary files in target/; a leftover is harmless
            }
        }
    }
}
