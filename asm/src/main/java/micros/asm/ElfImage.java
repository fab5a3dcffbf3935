package micros.asm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A linked executable: entry point, loadable segments and symbols; {@link #bytes} is the ELF64 file, {@link #bytes(ElfClass)} either class. */
public record ElfImage(long entry, List<ElfSegment> segments, List<ElfSymbol> symbols) {
    public byte[] bytes() { return bytes(ElfClass.ELF64); }

    /** The file in class {@code c}: ELF32 (i386) holds only addresses below 4 GiB. */
    public byte[] bytes(ElfClass c) { return ElfWriter.write(this, c); }

    public long symbol(String name) {
        for (ElfSymbol s : symbols) if (s.name().equals(name)) return s.address();
        throw new AsmException("no symbol " + name + " in the image");
    }

    /** Writes the ELF64 file whole (to a temporary sibling first, so a failure never leaves half a file). */
    public Path write(Path file) { return write(file, ElfClass.ELF64); }

    public Path write(Path file, ElfClass c) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes(c));
            return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
