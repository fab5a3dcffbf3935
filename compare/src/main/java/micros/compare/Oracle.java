package micros.compare;

import micros.release.IsoBuilder;
import micros.release.IsoCache;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * QEMU as the oracle for the bench: boots one kernel in both — QEMU from a cached GRUB ISO, in a thread of its
 * own while the bench runs here — and compares what they did.
 */
public final class Oracle {
    private final Path isos;
    private final QemuVersion version;

    /** ISOs are kept in {@code isoCache}; QEMU's version decides which of its known deviations apply. */
    public Oracle(Path isoCache) {
        this.isos = isoCache;
        this.version = QemuRunner.version();
    }

    public QemuVersion qemuVersion() { return version; }

    public Comparison compare(BootSpec spec) { return compare(spec, line -> false); }

    /** Compares the runs of {@code spec}, leaving out the COM1 lines {@code benchOnly} names. */
    public Comparison compare(BootSpec spec, Predicate<String> benchOnly) {
        Path iso = IsoCache.iso(IsoBuilder.Spec.plain(spec.kernel(),
                spec.modules().stream().map(m -> new IsoBuilder.Module(m.file(), m.string())).toList()).withCmdline(spec.cmdline()), isos);
        CompletableFuture<Run> qemu = CompletableFuture.supplyAsync(() -> QemuRunner.run(iso, spec.cpu().qemuName(), BenchRunner.ram(), spec.qemuSeconds()),
                r -> Thread.ofPlatform().daemon().start(r));
        Run bench = BenchRunner.run(spec);
        try {
            return Comparison.of(bench, qemu.join(), version, benchOnly);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
