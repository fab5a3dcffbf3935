package micros.speed;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.bench.natives.NativeCache;
import micros.bench.natives.NativePackage;
import micros.fixtures.LoopKernel;
import micros.release.IsoBuilder;
import micros.release.Qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bench against QEMU on the same kernel: the loop kernel's time between its two COM1 lines in the
 * bench's whole machine (instruction counting, APIC clock, interrupts) and in QEMU (TCG, booted by GRUB
 * from an ISO), and their ratio; then each Unicorn at hand alone on the same loops ({@code EngineBenchmark}
 * in a JVM of its own per library). Prints figures, asserts none.
 */
public final class SpeedBenchmark {
    /** How long a boot may take before it counts as hung. */
    static final long TIMEOUT_SECONDS = 300;

    /** The time between the two lines, and the instructions between them (-1 where unknown, as in QEMU). */
    record Span(double seconds, long instructions) {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("speed/target/speed"));
        Path kernel = dir.resolve("speed-loop.elf");
        LoopKernel.loop().write(kernel);
        System.out.printf("loop kernel: %,d instructions between two COM1 lines (best of 3)%n", LoopKernel.INSTRUCTIONS);
        Span bench = best(() -> inBench(kernel));
        System.out.printf("  bench, whole machine:         %6.2f s, %5.0f M instructions/s%n", bench.seconds(), bench.instructions() / bench.seconds() / 1e6);
        Path iso = IsoBuilder.build(kernel, List.of(), dir.resolve("speed-loop.iso"));
        Span qemu = best(() -> inQemu(iso));
        System.out.printf("  %-30s%6.2f s, %5.0f M instructions/s%n", qemuVersion() + " (TCG, GRUB ISO):", qemu.seconds(), LoopKernel.INSTRUCTIONS / qemu.seconds() / 1e6);
        System.out.printf("  bench / QEMU:                  %6.1fx the wall time%n", bench.seconds() / qemu.seconds());
        System.out.println("the engine alone on the same loops (best of 3):");
        engine(null); // the Unicorn ./micros setup put in the project's cache
        Path system = systemUnicornCache(dir);
        if (system != null) engine(system);
    }

    interface Measure { Span run() throws Exception; }

    static Span best(Measure m) throws Exception {
        Span best = null;
        for (int i = 0; i < 3; i++) {
            Span s = m.run();
            if (best == null || s.seconds() < best.seconds()) best = s;
        }
        return best;
    }

    /** The loop kernel in the bench, as {@code ./micros boot} runs it (with an instruction budget). */
    static Span inBench(Path kernel) throws IOException {
        long[] at = new long[4]; // nanoTime and count at the first line, then at the second
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (Machine m = Machine.boot(kernel.toString(), Files.readAllBytes(kernel), MachineConfig.defaults())) {
            m.serial().onOutput(b -> {
                if (b != '\n') { line.write(b); return; }
                String text = line.toString();
                line.reset();
                int i = text.contains(LoopKernel.START) ? 0 : text.contains(LoopKernel.DONE) ? 2 : -1;
                if (i >= 0) {
                    at[i] = System.nanoTime();
                    at[i + 1] = m.instructionsExecuted();
                }
            });
            StopReason why = m.run(2 * LoopKernel.INSTRUCTIONS);
            if (!(why instanceof StopReason.Halted) || at[2] == 0) throw new IllegalStateException(kernel + " in the bench: " + why + ", COM1: " + m.serial().text());
        }
        return new Span((at[2] - at[0]) / 1e9, at[3] - at[1]);
    }

    /** The loop kernel under QEMU with COM1 on a pipe, each line timed as it arrives. */
    static Span inQemu(Path iso) throws Exception {
        Process p = new ProcessBuilder(Qemu.command(iso, false, null, "stdio")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try { if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) p.destroyForcibly(); } catch (InterruptedException e) { p.destroyForcibly(); }
        });
        try (InputStream in = p.getInputStream()) {
            long start = 0;
            StringBuilder line = new StringBuilder(), all = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) {
                all.append((char) b);
                if (b != '\n') { line.append((char) b); continue; }
                if (line.indexOf(LoopKernel.START) >= 0) start = System.nanoTime();
                else if (line.indexOf(LoopKernel.DONE) >= 0 && start != 0) return new Span((System.nanoTime() - start) / 1e9, -1);
                line.setLength(0);
            }
            throw new IllegalStateException(iso + " under QEMU: no '" + LoopKernel.DONE + "' line within " + TIMEOUT_SECONDS + " s; COM1: " + all);
        } finally {
            p.destroyForcibly();
            p.waitFor();
            watchdog.interrupt();
        }
    }

    static String qemuVersion() throws Exception {
        Process p = new ProcessBuilder("qemu-system-x86_64", "--version").redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
        p.waitFor();
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("version (\\d+\\.\\d+(\\.\\d+)?)").matcher(first);
        return v.find() ? "QEMU " + v.group(1) : "QEMU";
    }

    /**
     * Where the host has Debian's own libunicorn2 (bookworm: 2.0.1), a cache of natives of its own whose manifest
     * names it (and the project's Capstone), for a JVM that loads it instead of the project's; null without one.
     */
    static Path systemUnicornCache(Path dir) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status} ${Version}", "libunicorn2").redirectErrorStream(true).start();
        String status = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || !status.startsWith("install ok installed ")) return null;
        Path cache = dir.resolve("system-unicorn"), natives = Files.createDirectories(cache.resolve("natives"));
        NativeCache.Installed capstone = NativeCache.installed(NativePackage.CAPSTONE);
        Files.writeString(natives.resolve("manifest.properties"), String.join("\n",
                "# the host's libunicorn2, for the speed benchmark only",
                NativePackage.UNICORN.debianName() + ".version=" + status.substring("install ok installed ".length()),
                NativePackage.UNICORN.debianName() + ".root=/",
                capstone.pkg().debianName() + ".version=" + capstone.version(),
                capstone.pkg().debianName() + ".root=" + capstone.root(), ""));
        return cache;
    }

    /** {@code EngineBenchmark} in a JVM of its own, on the natives of {@code cache} (null: the project's). */
    static void engine(Path cache) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "micros.bench.cli.EngineBenchmark").inheritIO();
        if (cache != null) pb.environment().put("MICROS_CACHE", cache.toAbsolutePath().toString());
        if (pb.start().waitFor() != 0) System.out.println("  the engine benchmark failed" + (cache == null ? "" : " on " + cache));
    }
}
