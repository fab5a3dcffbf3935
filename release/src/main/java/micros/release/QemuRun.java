package micros.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code ./micros qemu}: QEMU boots an ISO whose kernel command line has {@code exit=isa-debug},
 * COM1 is copied to {@code out} as it comes, and the run ends when the kernel says how the system ended, when
 * QEMU ends otherwise, or at the time limit. QEMU is always ended (by its process) before this returns.
 *
 * <p>The status has two routes. Without a screenshot QEMU has the isa-debug-exit device: the kernel's write
 * to port 0xf4 ends QEMU at once with {@code (status << 1) | 1}. With a screenshot that would lose the screen
 * (QEMU is gone by the time anyone could ask for it), so the device is left out: the kernel prints its status
 * line on COM1 right before the write, the write then goes nowhere and the kernel idles (or halts) with its
 * screen intact; the status line ends the wait, the screendump is taken, then QEMU is ended. The status line
 * comes after everything the system did (the memory manager's screen is drawn before it waits), so the
 * picture is the final one, with no settle time to guess.
 */
public final class QemuRun {
    /** What the kernel prints just before it writes the port (see the kernel's ExitStatus). */
    public static final Pattern STATUS_LINE = Pattern.compile("micros: exit status (\\d+) \\(([^)]*)\\) to isa-debug-exit\n");
    public static final String CMDLINE = "exit=isa-debug";

    public enum Ending { STATUS, NO_STATUS, TIMEOUT }

    /** How the run ended; {@code status} and {@code meaning} only for {@link Ending#STATUS}, {@code qemuExit} -1 while QEMU ran. */
    public record Result(Ending ending, long status, String meaning, int qemuExit, double seconds, String serial) {
        public boolean ok() { return ending == Ending.STATUS && status == 0; }

        /** One line for the user (stderr). */
        public String describe(long timeoutSeconds) {
            return switch (ending) {
                case STATUS -> String.format("exit status %d (%s) after %.1f s", status, meaning, seconds);
                case NO_STATUS -> String.format("QEMU ended with exit code %d and no status from the kernel (a triple fault, a power-off, or a kernel"
                        + " without exit=isa-debug) after %.1f s", qemuExit, seconds);
                case TIMEOUT -> "timed out after " + timeoutSeconds + " s";
            };
        }
    }

    private QemuRun() {}

    /** {@code timeoutSeconds} 0: no limit; {@code screenshot} null: none. */
    public static Result run(Path iso, Qemu.Setup setup, long timeoutSeconds, Path screenshot, OutputStream out) throws IOException, InterruptedException {
        Tools.require("qemu-system-x86_64", "qemu-system-x86");
        if (!Files.isRegularFile(iso)) throw new ReleaseException(iso + ": image not found");
        Qemu.Setup machine = screenshot == null ? setup.withDebugExit() : setup;
        Path dir = Files.createTempDirectory("micros-qemu");
        Process p = null;
        Thread reaper = null;
        long t0 = System.nanoTime();
        try {
            Path log = Files.createFile(dir.resolve("com1.log"));
            Path vars = machine.firmware() == Qemu.Firmware.BIOS ? null
                    : Qemu.varsCopy(machine.vars() != null ? machine.vars() : Qemu.OVMF_VARS, dir);
            Path monitor = screenshot == null ? null : dir.resolve("monitor");
            List<String> cmd = Qemu.command(iso.toAbsolutePath(), machine, vars, "file:" + log, monitor);
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
            reaper = new Thread(p::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(reaper);
            long deadline = timeoutSeconds == 0 ? Long.MAX_VALUE : t0 + timeoutSeconds * 1_000_000_000L;
            int shown = 0;
            Ending ending = Ending.TIMEOUT;
            String serial = "";
            while (System.nanoTime() < deadline) {
                boolean exited = !p.isAlive(); // before reading, so that the read sees all it wrote
                serial = Files.readString(log, StandardCharsets.ISO_8859_1);
                out.write(serial.substring(shown).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                shown = serial.length();
                if (exited) { ending = p.exitValue() % 2 == 1 ? Ending.STATUS : Ending.NO_STATUS; break; }
                if (screenshot != null && STATUS_LINE.matcher(serial).find()) { ending = Ending.STATUS; break; }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (monitor != null && p.isAlive()) Screendump.take(monitor, dir.resolve("screen.ppm"), screenshot);
            int qemuExit = p.isAlive() ? -1 : p.exitValue();
            if (ending != Ending.STATUS) return new Result(ending, -1, "", qemuExit, seconds, serial);
            Matcher line = STATUS_LINE.matcher(serial);
            boolean printed = line.find();
            // The device's exit code is the truth; the line names it (and is the only route without the device).
            long status = qemuExit >= 0 ? qemuExit >> 1 : Long.parseLong(line.group(1));
            String meaning = printed && Long.parseLong(line.group(1)) == status ? line.group(2) : "not printed on COM1";
            return new Result(Ending.STATUS, status, meaning, qemuExit, seconds, serial);
        } finally {
            if (p != null) p.destroyForcibly().waitFor();
            if (reaper != null) {
                try { Runtime.getRuntime().removeShutdownHook(reaper); } catch (IllegalStateException ignored) { /* shutting down */ }
            }
            try {
                Tools.deleteTree(dir);
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }

    /** The ISO {@code ./micros qemu} boots: the build's (or the options') kernel and modules, with {@link #CMDLINE}, cached. */
    static Path iso(IsoBuilder.Spec spec) { return IsoCache.iso(spec.withCmdline(CMDLINE), Path.of("release/target/qemu-isos")); }
}
