package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./micros bench}'s ISO figures: the signed ISO's size and build time, and seconds from QEMU's
 * start to the kernel's first COM1 line with BIOS, UEFI and Secure Boot (TCG, one boot at a time).
 */
public final class BootBenchmark {
    static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path iso = IsoBuilder.build(IsoOptions.defaults().spec(), Project.ISO);
        System.out.printf("release: signed ISO %,d bytes, built in %.2f s%n", Files.size(iso), (System.nanoTime() - t0) / 1e9);
        Path vars = SecureBootVars.make(Project.developmentKeys().dbCert(), Project.DEVELOPMENT_VARS);
        String banner = micros.kernel.boot.LongMode.BANNER;
        for (Qemu.Setup setup : List.of(Qemu.Setup.bios(), Qemu.Setup.uefi(), Qemu.Setup.secureBoot(vars))) {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                Qemu.Boot b = Qemu.boot(iso, setup, Qemu.Watch.until(banner, 300));
                if (!b.sawLine()) throw new ReleaseException(setup.firmware() + ": no '" + banner + "' on COM1 (" + b.ending() + ")");
                seconds.add(b.seconds());
            }
            System.out.printf("release: QEMU TCG %s boot to '%s': %.2f-%.2f s (%d runs)%n", setup.firmware(), banner,
                    seconds.stream().mapToDouble(d -> d).min().orElseThrow(), seconds.stream().mapToDouble(d -> d).max().orElseThrow(), RUNS);
        }
    }
}
