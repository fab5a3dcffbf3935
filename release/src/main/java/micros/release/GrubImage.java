package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two monolithic GRUB images, made with grub-mkimage from the early config and, when signing, the
 * OpenPGP public key: with a key embedded GRUB starts with check_signatures=enforce and refuses any file
 * it loads without a good detached signature. Every module is embedded (nothing is loaded from the ISO),
 * and multiboot2 must be among them: an {@code if} on an unknown command takes its {@code then} branch.
 */
enum GrubImage {
    /** The UEFI loader, BOOTX64.EFI. --disable-shim-lock: no shim sits in front of it, the firmware's db checks it. */
    EFI("x86_64-efi", List.of("--disable-shim-lock"), List.of("fat", "efi_gop", "efi_uga", "video_bochs", "video_cirrus")),
    /** The BIOS El Torito core, also reached from the hybrid MBR when the ISO is a disk. */
    BIOS("i386-pc-eltorito", List.of(), List.of("biosdisk", "vbe", "vga", "video_bochs", "video_cirrus"));

    static final List<String> COMMON = List.of("normal", "configfile", "echo", "test", "true", "halt", "sleep", "search",
            "search_fs_uuid", "iso9660", "part_gpt", "part_msdos", "multiboot2", "serial", "terminal", "video", "gfxterm",
            "font", "all_video", "pgp", "gcry_rsa", "gcry_dsa", "gcry_sha256", "gcry_sha512");

    final String format;
    private final List<String> options;
    private final List<String> modules;

    GrubImage(String format, List<String> options, List<String> modules) {
        this.format = format;
        this.options = options;
        this.modules = modules;
    }

    /** Writes the image to {@code out}; {@code publicKey} null makes an image that checks nothing. */
    void make(Path earlyConfig, Path publicKey, Path out) {
        Tools.require("grub-mkimage", "grub-common");
        List<String> cmd = new ArrayList<>(List.of("grub-mkimage", "-O", format));
        cmd.addAll(options);
        if (publicKey != null) cmd.addAll(List.of("--pubkey", publicKey.toString()));
        if (this == EFI) cmd.addAll(List.of("--sbat", sbat(out.resolveSibling("sbat.csv")).toString()));
        cmd.addAll(List.of("-c", earlyConfig.toString(), "-p", "/boot/grub", "-o", out.toString()));
        cmd.addAll(COMMON);
        cmd.addAll(modules);
        Tools.run(cmd);
    }

    /** The SBAT section UEFI loaders carry (shim reads it for revocation; OVMF ignores it). */
    private static Path sbat(Path file) {
        String upstream = Tools.packageVersion("grub-efi-amd64-bin").replaceAll("^\\d+:", "").replaceAll("[-+~].*", "");
        try {
            return Files.writeString(file, "sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n"
                    + "grub,3,Free Software Foundation,grub," + upstream + ",https://www.gnu.org/software/grub/\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
