package micros.compare;

import micros.bench.machine.X86Bits;
import micros.release.Qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boots an ISO in QEMU (TCG, BIOS) through release's {@link Qemu} command line, with the isa-debug-exit device,
 * COM1 in a file and QMP on QEMU's stdin/stdout, and watches for the end. A kernel that writes its exit status
 * to the device ends QEMU at once with {@code (status << 1) | 1}: an odd exit code, with no SHUTDOWN event, once
 * the machine ran. A kernel without that use is judged by its registers, asked for every few milliseconds:
 * {@code hlt} with IF clear is a clean halt, registers that stay the same for {@link #IDLE_SECONDS} an idle CPU
 * ({@code jmp $}, or {@code hlt} that nothing wakes), QEMU ending after a guest reset (-no-reboot) a triple
 * fault, and the time bound a kernel still running. QEMU is always killed before this returns.
 */
final class QemuRunner {
    static final String TOOL = "qemu-system-x86_64";
    private static final long POLL_MILLIS = 20;
    /** How long every register must stay the same, over at least {@link #IDLE_POLLS} looks, for the CPU to count as idle. */
    static final double IDLE_SECONDS = 2;
    private static final int IDLE_POLLS = 20;
    private static final Pattern REGISTERS = Pattern.compile("[ER]FL=([0-9a-f]+).*?HLT=([01])");
    private static final Pattern SHUTDOWN_REASON = Pattern.compile("\"event\": *\"SHUTDOWN\".*\"reason\": *\"([a-z-]+)\"");
    /** The ISO mirrors GRUB's console on COM1: its screen, then "Booting `ENTRY'" before the kernel runs. */
    private static final Pattern GRUB_PREAMBLE = Pattern.compile("(?s)^.*?Booting `[^'\n]*'\n\r\n\r");
    /** Put after QEMU's last line (QMP's lines are JSON: never a NUL). */
    private static final String EOF = "\0end of QEMU's output";

    private QemuRunner() {}

    static Run run(Path iso, String cpu, long ramBytes, double seconds) {
        requireTool();
        long t0 = System.nanoTime();
        Path dir = iso.toAbsolutePath().getParent(), log = null, errors = null;
        Process p = null;
        try {
            log = Files.createTempFile(dir, "com1", ".log");
            errors = Files.createTempFile(dir, "qemu", ".err");
            List<String> cmd = new ArrayList<>(Qemu.command(iso, Qemu.Setup.bios().withCpu(cpu).withDebugExit(), null, "file:" + log, null));
            cmd.addAll(List.of("-m", (ramBytes >> 20) + "M", "-qmp", "stdio")); // a later -m wins: the bench's RAM
            p = new ProcessBuilder(cmd).redirectError(errors.toFile()).start();
            Ending ending = watch(p, t0 + (long) (seconds * 1e9), seconds, errors);
            p.destroyForcibly().waitFor(); // QEMU has written all COM1 output once it is gone
            String com1 = kernelOutput(Files.readString(log, StandardCharsets.ISO_8859_1));
            if (ending.kind() == Ending.Kind.EXIT_STATUS) ending = Ending.exitStatus(ending.status(), com1);
            return new Run(com1, ending, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(TOOL + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(TOOL + ": interrupted");
        } finally {
            if (p != null) p.destroyForcibly();
            deleteQuietly(log);
            deleteQuietly(errors);
        }
    }

    /** The installed QEMU's version, from {@code qemu-system-x86_64 --version}. */
    static QemuVersion version() {
        requireTool();
        try {
            Process p = new ProcessBuilder(TOOL, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return QemuVersion.parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(TOOL + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(TOOL + " --version: interrupted");
        }
    }

    /** COM1 without GRUB's own output before the kernel's. */
    static String kernelOutput(String com1) { return GRUB_PREAMBLE.matcher(com1).replaceFirst(""); }

    private static Ending watch(Process p, long deadline, double seconds, Path errors) throws IOException, InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // QEMU was killed: the end of its output
            } finally {
                lines.add(EOF);
            }
        });
        try {
            OutputStream qmp = p.getOutputStream();
            String shutdown = null, lastRegisters = null;
            boolean ran = false;
            long sameSince = 0;
            int sameLooks = 0;
            send(qmp, "{\"execute\":\"qmp_capabilities\"}");
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) return new Ending(Ending.Kind.RUNNING, String.format("after %.1f s", seconds));
                if (line.equals(EOF)) return exited(p, ran, shutdown, errors);
                Matcher reason = SHUTDOWN_REASON.matcher(line);
                if (reason.find()) shutdown = reason.group(1);
                Matcher regs = REGISTERS.matcher(line);
                if (regs.find()) {
                    if (regs.group(2).equals("1") && (Long.parseLong(regs.group(1), 16) & X86Bits.RFLAGS_IF) == 0) return new Ending(Ending.Kind.HALTED, "");
                    long now = System.nanoTime();
                    if (!line.equals(lastRegisters)) {
                        lastRegisters = line;
                        sameSince = now;
                        sameLooks = 0;
                    } else if (++sameLooks >= IDLE_POLLS && now - sameSince >= IDLE_SECONDS * 1e9) {
                        return new Ending(Ending.Kind.IDLE, String.format("no register changed for %.0f s (%s)", IDLE_SECONDS, regs.group(2).equals("1") ? "hlt" : "a loop"));
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                if (line.startsWith("{\"return\"")) {
                    ran = true;
                    askRegisters(qmp);
                }
            }
        } finally {
            reader.interrupt();
        }
    }

    private static void askRegisters(OutputStream qmp) {
        try {
            send(qmp, "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info registers\"}}");
        } catch (IOException e) {
            // QEMU is ending; its output's end says how
        }
    }

    /**
     * How QEMU's end reads: {@code ran} says QMP answered (the machine was up), {@code shutdown} is the reason of
     * its SHUTDOWN event, if any. QEMU's own failures exit with 1 too, but before QMP answers or with an event.
     */
    private static Ending exited(Process p, boolean ran, String shutdown, Path errors) throws IOException, InterruptedException {
        if (!p.waitFor(5, TimeUnit.SECONDS)) return new Ending(Ending.Kind.FAILED, "QEMU closed its output but did not exit");
        if ("guest-reset".equals(shutdown)) return new Ending(Ending.Kind.RESET, "");
        if (ran && shutdown == null && p.exitValue() % 2 == 1) return new Ending(Ending.Kind.EXIT_STATUS, p.exitValue() >> 1, ""); // named from COM1 by run
        String why = Files.readString(errors).strip().lines().reduce((a, b) -> b).orElse(shutdown == null ? "no reason given" : "shutdown: " + shutdown);
        return new Ending(Ending.Kind.FAILED, "QEMU exited: " + why);
    }

    private static void send(OutputStream qmp, String command) throws IOException {
        qmp.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        qmp.flush();
    }

    private static void requireTool() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
            if (Files.isExecutable(Path.of(d, TOOL))) return;
        throw new IllegalStateException(TOOL + ": not found (install the Debian package qemu-system-x86, or run ./micros setup)");
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file under target/; a leftover is harmless
        }
    }
}
