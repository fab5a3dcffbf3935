package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the hybrid BIOS/UEFI ISO with grub-mkrescue: the kernel, its boot modules, and a grub.cfg that
 * boots at once, loads the video drivers (so GRUB honours the kernel's framebuffer request) and
 * mirrors GRUB's own output on COM1.
 */
public final class IsoBuilder {
    /** A boot module on the ISO: file name under /boot and its multiboot2 string. */
    public record Module(Path file, String string) {}

    private IsoBuilder() {}

    static String grubConfig(List<Module> modules) {
        StringBuilder cfg = new StringBuilder();
        cfg.append("set timeout=0\nset default=0\n");
        cfg.append("serial --unit=0 --speed=115200\nterminal_output console serial\n");
        cfg.append("insmod all_video\ninsmod gfxterm\n");
        cfg.append("menuentry \"micros\" {\n  multiboot2 /boot/micros.elf\n");
        for (Module m : modules) cfg.append("  module2 /boot/").append(m.file().getFileName()).append(' ').append(m.string()).append('\n');
        cfg.append("  boot\n}\n");
        return cfg.toString();
    }

    /** Writes {@code iso} from {@code kernel} and {@code modules}; the ISO appears whole or not at all. */
    public static Path build(Path kernel, List<Module> modules, Path iso) { return build(kernel, modules, iso, List.of("--compress=xz")); }

    /**
     * The same ISO for BIOS only and uncompressed: what QEMU needs to boot a kernel once, made in a fraction of
     * the time (xz and the EFI image are most of grub-mkrescue's work).
     */
    public static Path buildForBios(Path kernel, List<Module> modules, Path iso) {
        return build(kernel, modules, iso, List.of("-d", "/usr/lib/grub/i386-pc"));
    }

    private static Path build(Path kernel, List<Module> modules, Path iso, List<String> options) {
        requireFile(kernel, "kernel");
        for (Module m : modules) requireFile(m.file(), "boot module");
        Tools.require("grub-mkrescue", "grub-common");
        Tools.require("xorriso", "xorriso");
        try {
            Path work = Files.createTempDirectory(iso.toAbsolutePath().getParent(), "iso-root");
            try {
                Path boot = Files.createDirectories(work.resolve("boot/grub"));
                Files.copy(kernel, work.resolve("boot/micros.elf"));
                for (Module m : modules) Files.copy(m.file(), work.resolve("boot").resolve(m.file().getFileName()));
                Files.writeString(boot.resolve("grub.cfg"), grubConfig(modules));
                Path tmp = iso.resolveSibling(iso.getFileName() + ".tmp");
                List<String> cmd = new ArrayList<>(List.of("grub-mkrescue", "-o", tmp.toString()));
                cmd.addAll(options);
                cmd.addAll(List.of("--fonts=", "--locales=", "--themes=", work.toString()));
                Tools.run(cmd, 120, TimeUnit.SECONDS);
                return Files.move(tmp, iso, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Tools.deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(iso + ": " + e.getMessage(), e);
        }
    }

    private static void requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new ReleaseException(p + ": " + what + " not found (build it with ./mvnw package)");
    }

    /** {@code IsoBuilder KERNEL ISO}: used by the build. */
    public static void main(String[] args) {
        Path iso = build(Path.of(args[0]), List.of(), Path.of(args[1]));
        System.out.println("micros: wrote " + iso);
    }
}
