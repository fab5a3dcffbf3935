package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The EFI system partition image (FAT, made with mtools) that holds \EFI\BOOT\BOOTX64.EFI: the El Torito
 * EFI boot image on a CD and, appended as a partition, the ESP when the ISO is written to a disk.
 */
final class EfiPartition {
    static final String LOADER = "::/EFI/BOOT/BOOTX64.EFI";

    private EfiPartition() {}

    /** A FAT image just large enough for {@code loader}, dated and numbered by {@code date} so that builds repeat. */
    static void make(Path loader, SourceDate date, Path image) {
        Tools.require("mformat", "mtools");
        try {
            long kib = (Files.size(loader) / 1024 + 128 + 63) / 64 * 64;
            try (var out = Files.newOutputStream(image)) {
                out.write(new byte[(int) (kib * 1024)]);
            }
            Files.setLastModifiedTime(loader, FileTime.from(date.instant()));
            String serial = String.format("%08x", date.epochSecond() & 0xFFFF_FFFFL);
            var env = date.environment();
            Tools.run(List.of("mformat", "-i", image.toString(), "-N", serial, "-T", Long.toString(kib * 2), "-h", "2", "-s", "32", "::"), env);
            Tools.run(List.of("mmd", "-i", image.toString(), "::/EFI", "::/EFI/BOOT"), env);
            Tools.run(List.of("mcopy", "-m", "-i", image.toString(), loader.toString(), LOADER), env);
        } catch (IOException e) {
            throw new UncheckedIOException(image + ": " + e.getMessage(), e);
        }
    }

    /** Copies the loader out of an ESP image (the release test and sbverify need it as a file). */
    static void extractLoader(Path image, Path out) {
        Tools.require("mcopy", "mtools");
        Tools.run("mcopy", "-n", "-i", image.toString(), LOADER, out.toString());
    }
}
