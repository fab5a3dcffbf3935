package micros.asm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A linked executable: entry point, loadable segments and symbols; {@link #bytes} is the ELF64 file. */
public record ElfImage(long entry, List<ElfSegment> segments, List<ElfSymbol> symbols) {
    public byte[] bytes() { return ElfWriter.write(this); }

    public long symbol(String name) {
        for (ElfSymbol s : symbols) if (s.name().equals(name)) return s.address();
        throw new AsmException("no symbol " + name + " in the image");
    }

    /** Writes the file whole (to a temporary sibling first, so a failure never leaves half a file). */
    public Path write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes());
            return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
