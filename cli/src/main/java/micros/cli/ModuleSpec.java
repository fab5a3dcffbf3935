package micros.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;

/** A boot module as {@code --module FILE[:STRING]} names it: the file (which must exist) and its string, the file's name by default. */
record ModuleSpec(Path file, String string) {
    /** As the bench takes it. */
    String text() { return file + ":" + string; }

    static final class Converter implements ITypeConverter<ModuleSpec> {
        @Override public ModuleSpec convert(String s) {
            int colon = s.indexOf(':');
            String name = colon < 0 ? s : s.substring(0, colon);
            if (name.isEmpty()) throw new TypeConversionException("no file before the ':'");
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) throw new TypeConversionException(file + ": no such file");
            return new ModuleSpec(file, colon < 0 ? file.getFileName().toString() : s.substring(colon + 1));
        }
    }
}
