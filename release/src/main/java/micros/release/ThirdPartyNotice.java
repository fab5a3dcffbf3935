package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * THIRD-PARTY-NOTICES and licenses/ on the ISO: what it ships that is not micros (GRUB's images), under
 * which license, from which Debian packages and where their source is, taken from Debian's
 * machine-readable copyright files and dpkg.
 */
final class ThirdPartyNotice {
    /** The Debian packages whose files end up on the ISO: GRUB's UEFI and BIOS modules and the hybrid MBR. */
    static final List<String> SHIPPED = List.of("grub-efi-amd64-bin", "grub-pc-bin");
    /** Debian's license short names as SPDX identifiers. */
    private static final Map<String, String> SPDX = Map.of("GPL-3+", "GPL-3.0-or-later", "GPL-2+", "GPL-2.0-or-later",
            "Expat", "MIT", "CC-BY-SA-3.0", "CC-BY-SA-3.0");
    /** Full license texts Debian keeps in /usr/share/common-licenses, by Debian short name. */
    private static final Map<String, String> TEXT = Map.of("GPL-3+", "GPL-3");

    private ThirdPartyNotice() {}

    /** The copyright file's paragraph field {@code name}, in the paragraph whose first field is {@code first} (or the header). */
    static String field(String copyright, String paragraphStart, String name) {
        for (String paragraph : copyright.split("\n\\s*\n")) {
            if (paragraphStart != null && !paragraph.startsWith(paragraphStart)) continue;
            for (String line : paragraph.lines().toList())
                if (line.startsWith(name + ":")) return line.substring(name.length() + 1).strip();
        }
        throw new ReleaseException("Debian copyright file: no '" + name + "' field" + (paragraphStart == null ? "" : " under '" + paragraphStart + "'"));
    }

    static String text() {
        StringBuilder out = new StringBuilder("""
                micros-amd64.iso: third-party software

                micros itself is under the Boost Software License 1.0 (LICENSE). The GRUB boot loader images on
                this ISO (BOOTX64.EFI inside boot/grub/efi.img, boot/grub/i386-pc/eltorito.img and the hybrid MBR)
                are built from these Debian packages:

                """);
        Set<String> copyrights = new LinkedHashSet<>();
        String license = null;
        for (String pkg : SHIPPED) {
            Path file = Path.of("/usr/share/doc", pkg, "copyright");
            String c = read(file);
            String source = Tools.run("dpkg-query", "-W", "-f=${source:Package} ${source:Version}", pkg).strip();
            license = field(c, "Files: *", "License");
            out.append("  ").append(pkg).append(' ').append(Tools.packageVersion(pkg)).append(" (source package ").append(source).append(")\n")
               .append("    ").append(field(c, null, "Upstream-Name")).append(", license ").append(SPDX.getOrDefault(license, license))
               .append(" (Debian: ").append(license).append(")\n")
               .append("    upstream source: ").append(field(c, null, "Source")).append('\n')
               .append("    corresponding source: Debian source package ").append(source.replace(' ', '=')).append(" (apt-get source ")
               .append(source.replace(' ', '=')).append(")\n");
            copyrights.add(c);
        }
        String fullText = TEXT.get(license);
        if (fullText != null) out.append("\nThe full text of ").append(SPDX.get(license)).append(" is in licenses/").append(fullText).append(".\n");
        out.append("\nDebian's copyright file for these packages follows.\n");
        for (String c : copyrights) out.append('\n').append(c);
        return out.toString();
    }

    static void write(Path tree) {
        try {
            Files.writeString(tree.resolve("THIRD-PARTY-NOTICES"), text());
            Path dir = Files.createDirectories(tree.resolve("licenses"));
            for (String name : TEXT.values()) Files.copy(Path.of("/usr/share/common-licenses", name), dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(tree + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ReleaseException(file + ": not readable (" + e.getMessage() + "); is the Debian package installed?");
        }
    }
}
