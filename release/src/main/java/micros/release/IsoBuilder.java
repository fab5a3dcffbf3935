package micros.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the hybrid BIOS/UEFI ISO: GRUB images made with grub-mkimage (see {@link GrubImage}), the UEFI
 * one in a FAT ESP image, the BIOS one as the El Torito core that the hybrid MBR also reaches when the
 * ISO is written to a disk, and the kernel, its modules and grub.cfg under /boot.
 *
 * <p>Signed ({@link Spec#keys} present): GRUB embeds the OpenPGP key and refuses kernel, modules or
 * grub.cfg without a good detached signature, and BOOTX64.EFI is signed with the db key for Secure Boot.
 * Plain: nothing is signed or checked, for booting any kernel under QEMU.
 */
public final class IsoBuilder {
    /** A boot module on the ISO: file name under /boot and its multiboot2 string. */
    public record Module(Path file, String string) {}

    /** What one ISO is made of. */
    public record Spec(Path kernel, List<Module> modules, Optional<SigningKeys> keys, SourceDate date, String cmdline) {
        public Spec {
            modules = List.copyOf(modules);
        }

        /** With no kernel command line: what the release ISO for real machines has. */
        public Spec(Path kernel, List<Module> modules, Optional<SigningKeys> keys, SourceDate date) { this(kernel, modules, keys, date, ""); }

        /** An unsigned ISO dated {@link SourceDate#FALLBACK}. */
        public static Spec plain(Path kernel, List<Module> modules) {
            return new Spec(kernel, modules, Optional.empty(), new SourceDate(SourceDate.FALLBACK));
        }

        public Spec signedWith(SigningKeys k) { return new Spec(kernel, modules, Optional.of(k), date, cmdline); }

        /** The same ISO with {@code line} as the kernel's command line (GRUB's multiboot2 arguments). */
        public Spec withCmdline(String line) { return new Spec(kernel, modules, keys, date, line); }
    }

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern MODULE_STRING = Pattern.compile("[A-Za-z0-9._=,:/+-]*");
    /** Words of the same characters: nothing GRUB's parser would read as a quote, a variable or a command end. */
    private static final Pattern COMMAND_LINE = Pattern.compile("[A-Za-z0-9._=,:/+ -]*");

    private IsoBuilder() {}

    /** A plain (unsigned, unchecked) ISO from {@code kernel} and {@code modules}; it appears whole or not at all. */
    public static Path build(Path kernel, List<Module> modules, Path iso) { return build(Spec.plain(kernel, modules), iso); }

    public static Path build(Spec spec, Path iso) { return build(spec, iso, tree -> {}); }

    /** {@code afterSigning} may change the tree once it is signed: how the tests make tampered ISOs. */
    static Path build(Spec spec, Path iso, Consumer<Path> afterSigning) {
        check(spec);
        for (String[] t : new String[][] {{"xorriso", "xorriso"}, {"mformat", "mtools"}, {"grub-mkimage", "grub-common"}})
            Tools.require(t[0], t[1]);
        if (!Files.isRegularFile(Path.of("/usr/lib/grub/i386-pc/boot_hybrid.img")))
            throw new ReleaseException("/usr/lib/grub/i386-pc/boot_hybrid.img: not found (install grub-pc-bin, or run ./micros setup)");
        try {
            Path parent = iso.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path work = Files.createTempDirectory(parent, "iso-work");
            try {
                Path tree = Files.createDirectories(work.resolve("iso"));
                Path build = Files.createDirectories(work.resolve("build"));
                Path grub = Files.createDirectories(tree.resolve("boot/grub/i386-pc"));
                List<Path> verified = layOut(spec, tree);
                Path publicKey = null;
                if (spec.keys().isPresent()) {
                    SigningKeys k = spec.keys().get();
                    publicKey = build.resolve("pub.gpg");
                    try {
                        OpenPgp.exportPublic(k.gpgHome(), k.gpgKey(), publicKey);
                        for (Path f : verified) OpenPgp.detachSign(k.gpgHome(), k.gpgKey(), f, spec.date().instant());
                    } finally {
                        OpenPgp.stopAgent(k.gpgHome());
                    }
                }
                afterSigning.accept(tree);
                Path early = Files.writeString(build.resolve("early.cfg"), GrubConfig.early(spec.date().grubFsUuid()));
                Path efi = build.resolve("grubx64.efi");
                GrubImage.EFI.make(early, publicKey, efi);
                Path loader = build.resolve("BOOTX64.EFI");
                if (spec.keys().isPresent()) SecureBootSigner.sign(efi, spec.keys().get(), spec.date(), loader);
                else Files.copy(efi, loader);
                GrubImage.BIOS.make(early, publicKey, grub.resolve("eltorito.img"));
                EfiPartition.make(loader, spec.date(), tree.resolve("boot/grub/efi.img"));
                Path tmp = iso.resolveSibling(iso.getFileName() + ".tmp");
                xorriso(tree, spec.date(), tmp);
                return Files.move(tmp, iso, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Tools.deleteTree(work);
                Files.deleteIfExists(iso.resolveSibling(iso.getFileName() + ".tmp"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(iso + ": " + e.getMessage(), e);
        }
    }

    /** Copies what GRUB loads into {@code tree} and returns those files (the ones to sign), then the licenses. */
    private static List<Path> layOut(Spec spec, Path tree) throws IOException {
        List<Path> verified = new ArrayList<>();
        verified.add(Files.copy(spec.kernel(), tree.resolve("boot/micros.elf")));
        for (Module m : spec.modules()) verified.add(Files.copy(m.file(), tree.resolve("boot").resolve(m.file().getFileName())));
        verified.add(Files.writeString(tree.resolve("boot/grub/grub.cfg"), GrubConfig.main(spec.modules(), spec.cmdline())));
        try (InputStream license = IsoBuilder.class.getResourceAsStream("/LICENSE")) {
            if (license == null) throw new ReleaseException("LICENSE: not on the release module's classpath (rebuild with ./mvnw package)");
            Files.copy(license, tree.resolve("LICENSE"));
        }
        ThirdPartyNotice.write(tree);
        return verified;
    }

    private static void check(Spec spec) {
        requireFile(spec.kernel(), "kernel");
        if (!COMMAND_LINE.matcher(spec.cmdline()).matches())
            throw new ReleaseException("kernel command line '" + spec.cmdline() + "' may hold only letters, digits, spaces and ._=,:/+-");
        Set<String> names = new HashSet<>(Set.of("micros.elf"));
        for (Module m : spec.modules()) {
            requireFile(m.file(), "boot module");
            String name = m.file().getFileName().toString();
            if (!FILE_NAME.matcher(name).matches())
                throw new ReleaseException(m.file() + ": boot module name may hold only letters, digits, '.', '_' and '-'");
            if (!names.add(name)) throw new ReleaseException(m.file() + ": a second boot file named '" + name + "'");
            if (!MODULE_STRING.matcher(m.string()).matches())
                throw new ReleaseException(m.file() + ": module string '" + m.string() + "' may hold only letters, digits and ._=,:/+-");
        }
    }

    private static void requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) throw new ReleaseException(p + ": " + what + " not found (build it with ./mvnw package)");
    }

    /** The hybrid ISO as grub-mkrescue lays it out, with every date fixed to the build's. */
    private static void xorriso(Path tree, SourceDate date, Path out) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) Files.setLastModifiedTime(p, FileTime.from(date.instant()));
        }
        Tools.run(List.of("xorriso", "-as", "mkisofs", "-graft-points", "-r", "-V", "MICROS",
                "--modification-date=" + date.iso9660(),
                "-b", "boot/grub/i386-pc/eltorito.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                "--grub2-boot-info", "--grub2-mbr", "/usr/lib/grub/i386-pc/boot_hybrid.img",
                "--efi-boot", "boot/grub/efi.img", "-efi-boot-part", "--efi-boot-image", "--protective-msdos-label",
                "-o", out.toString(), tree.toString()), date.environment());
    }

    /** {@code IsoBuilder KERNEL ISO}: a plain ISO of the kernel alone. */
    public static void main(String[] args) {
        Path iso = build(Path.of(args[0]), List.of(), Path.of(args[1]));
        System.out.println("micros: wrote " + iso);
    }
}
