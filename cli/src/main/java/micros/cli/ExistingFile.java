package micros.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file that must be there when the command starts ({@code --kernel}, {@code --iso}…): a missing one is a usage error. */
final class ExistingFile implements ITypeConverter<Path> {
    @Override public Path convert(String s) {
        Path p = Path.of(s);
        if (Files.isDirectory(p)) throw new TypeConversionException("a directory, not a file");
        if (!Files.isRegularFile(p)) throw new TypeConversionException("no such file");
        return p;
    }
}
