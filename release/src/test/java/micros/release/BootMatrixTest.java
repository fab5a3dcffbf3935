package micros.release;

import micros.crosscheck.Progress;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ISO in real QEMU (TCG): BIOS, UEFI and UEFI with Secure Boot boot the kernel and its memory manager to
 * their end (the kernel's idle line), from a CD and from a disk; under Secure Boot the firmware refuses a loader not signed by a db key, and GRUB refuses a kernel,
 * module or grub.cfg that was changed, lost its signature or was signed by another key. No run reaches a
 * GRUB prompt. Boots run two at a time, each bounded, QEMU always ended.
 */
class BootMatrixTest {
    static final long TIMEOUT = 150;
    static final String ACCESS_DENIED = "Access Denied";
    static final List<String> REFUSALS = List.of(GrubConfig.REFUSED, GrubConfig.CONFIG_REFUSED, ACCESS_DENIED);

    /** One boot and what it must show: a refusal (its message) or the kernel (null). */
    record Case(String name, Path iso, Qemu.Setup setup, String refusal, String cpuCheck) {}

    @TestFactory
    List<DynamicTest> everyModeBootsAndEveryTamperingIsRefused() {
        IsoBuilder.Spec signed = TestIsos.spec();
        Path vars = TestIsos.ownVars();
        Path good = TestIsos.build("signed", signed, t -> {});
        Path plain = TestIsos.build("plain", IsoBuilder.Spec.plain(TestIsos.KERNEL, signed.modules()), t -> {});
        Path module = Path.of("boot", TestIsos.module().getFileName().toString());
        Qemu.Setup sb = Qemu.Setup.secureBoot(vars);
        List<Case> cases = new ArrayList<>(List.of(
                new Case("bios", good, Qemu.Setup.bios(), null, null),
                new Case("bios-disk", good, Qemu.Setup.bios().onDisk(), null, null),
                new Case("uefi", good, Qemu.Setup.uefi(), null, null),
                new Case("secure-boot", good, sb, null, null),
                new Case("secure-boot-disk", good, sb.onDisk(), null, null),
                new Case("plain-bios", plain, Qemu.Setup.bios(), null, null),
                new Case("no-long-mode", plain, Qemu.Setup.bios().withCpu("qemu32"), null,
                        "micros: boot failed: no long mode (CPUID 0x80000001 EDX.LM=0)\n"),
                new Case("unsigned-loader", plain, sb, ACCESS_DENIED, null),
                new Case("loader-signed-by-other-key", TestIsos.build("other-db", new IsoBuilder.Spec(signed.kernel(), signed.modules(),
                        Optional.of(new SigningKeys(TestIsos.other().dbKey(), TestIsos.other().dbCert(), TestIsos.own().gpgHome(), KeyPair.GPG_EMAIL)),
                        signed.date()), t -> {}), sb, ACCESS_DENIED, null)));
        tampered(cases, signed, sb, "kernel-byte-changed", t -> TestIsos.flip(t.resolve("boot/micros.elf"), 0x1000), "error: bad signature.");
        tampered(cases, signed, sb, "module-byte-changed", t -> TestIsos.flip(t.resolve(module), 100), "error: bad signature.");
        tampered(cases, signed, sb, "grub-cfg-byte-changed", t -> TestIsos.flip(t.resolve("boot/grub/grub.cfg"), 5), GrubConfig.CONFIG_REFUSED);
        tampered(cases, signed, sb, "kernel-signature-missing", t -> delete(t.resolve("boot/micros.elf.sig")),
                "error: file `/boot/micros.elf.sig' not found.");
        tampered(cases, signed, sb, "module-signed-by-other-key", t -> resign(t.resolve(module)), "error: public key");
        tampered(cases, signed, Qemu.Setup.bios(), "bios-kernel-byte-changed", t -> TestIsos.flip(t.resolve("boot/micros.elf"), -1), "error: bad signature.");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<DynamicTest> tests = new ArrayList<>();
        Progress progress = Progress.of("QEMU boots", cases.size()); // on a terminal only
        for (Case c : cases) {
            boolean last = c == cases.getLast();
            Path screen = c.name().equals("bios") ? TestIsos.DIR.resolve("bios.png") : null;
            Future<Qemu.Boot> boot = pool.submit(() -> Qemu.boot(c.iso(), c.setup(),
                    new Qemu.Watch(c.cpuCheck() != null ? c.cpuCheck() : c.refusal() == null ? TestIsos.IDLE : TestIsos.BANNER, REFUSALS, 1.0, TIMEOUT, screen)));
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                boolean ok = false;
                try {
                    check(c, boot.get());
                    if (screen != null) checkScreenshot(screen);
                    ok = true;
                } finally {
                    progress.done(ok);
                    if (last) progress.finish();
                }
            }));
        }
        pool.shutdown();
        return tests;
    }

    private static void tampered(List<Case> cases, IsoBuilder.Spec spec, Qemu.Setup setup, String name, Consumer<Path> tamper, String message) {
        cases.add(new Case(name, TestIsos.build(name, spec, tamper), setup, message, null));
    }

    static void check(Case c, Qemu.Boot boot) {
        String com1 = boot.serial();
        System.out.printf("%s: %s after %.1f s%n", c.name(), boot.ending(), boot.seconds());
        assertFalse(com1.contains("grub>"), c.name() + ": reached a GRUB prompt:\n" + com1);
        if (c.cpuCheck() != null) {
            assertTrue(boot.sawLine(), c.name() + ": COM1:\n" + com1);
            assertFalse(com1.contains(TestIsos.BANNER), com1);
            return;
        }
        boolean secureBoot = c.setup().firmware() == Qemu.Firmware.SECURE_BOOT;
        if (c.refusal() == null) {
            assertEquals(Qemu.Ending.LINE, boot.ending(), c.name() + ": the whole system ran to its end (every process waits), COM1:\n" + com1);
            assertTrue(com1.contains(TestIsos.BANNER), c.name() + ": the kernel's banner, COM1:\n" + com1);
            boolean signed = !c.iso().getFileName().toString().startsWith("plain");
            if (signed) assertTrue(com1.contains("check_signatures=[enforce]"), c.name() + ": GRUB enforces signatures, COM1:\n" + com1);
            if (secureBoot) assertTrue(com1.contains(GrubConfig.STATE + "y]"), c.name() + ": lockdown on, COM1:\n" + com1);
            return;
        }
        assertEquals(Qemu.Ending.FAILURE, boot.ending(), c.name() + ": refused, COM1:\n" + com1);
        assertTrue(com1.contains(c.refusal()), c.name() + ": '" + c.refusal() + "' on COM1:\n" + com1);
        assertFalse(com1.contains(TestIsos.BANNER), c.name() + ": the kernel ran:\n" + com1);
        if (c.refusal().equals(ACCESS_DENIED)) assertFalse(com1.contains(GrubConfig.STATE), c.name() + ": GRUB ran:\n" + com1);
        else if (secureBoot) assertTrue(com1.contains(GrubConfig.STATE + "y]"), c.name() + ": lockdown on, COM1:\n" + com1);
    }

    /** The screendump through QEMU's monitor is a PNG of the whole screen (GRUB set the kernel's 1024x768 mode). */
    static void checkScreenshot(Path png) throws IOException {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() >= 640 && img.getHeight() >= 400, png + ": " + img);
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the file's signature by one from the untrusted key. */
    private static void resign(Path file) {
        OpenPgp.detachSign(TestIsos.other().gpgHome(), KeyPair.GPG_EMAIL, file, TestIsos.DATE.instant());
        OpenPgp.stopAgent(TestIsos.other().gpgHome());
    }
}
