package micros.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * Sizes ({@code --memory 128M}, {@code 4G}: binary units) and counts ({@code --max-insns 10000000}, with
 * {@code _} between digits and k, M, G for thousands, millions, billions); errors say what the value is not.
 */
final class Sizes {
    private Sizes() {}

    /** Bytes: a whole number with K, M or G (powers of 1024); at least 2M and a multiple of 4K, as guest RAM must be. */
    static final class Size implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            int shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : t.endsWith("G") ? 30 : 0;
            if (shift != 0) t = t.substring(0, t.length() - 1);
            long v;
            try {
                v = Math.multiplyExact(Long.parseLong(t), 1L << shift);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("not a size (use e.g. 128M or 4G)");
            }
            if (v < (2L << 20) || (v & 0xFFF) != 0) throw new TypeConversionException("must be at least 2M and a multiple of 4K");
            return v;
        }
    }

    /** A count of at least 1: digits, {@code _} between them, and an optional k, M or G (10^3, 10^6, 10^9). */
    static final class Count implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            String t = s.trim();
            long mult = 1;
            if (t.endsWith("k") || t.endsWith("K")) mult = 1_000;
            else if (t.endsWith("M")) mult = 1_000_000;
            else if (t.endsWith("G")) mult = 1_000_000_000;
            if (mult != 1) t = t.substring(0, t.length() - 1);
            if (!t.matches("\\d+(_\\d+)*")) throw new TypeConversionException("not a whole number (use e.g. 1000000 or 50M)");
            long v;
            try {
                v = Math.multiplyExact(Long.parseLong(t.replace("_", "")), mult);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new TypeConversionException("too large");
            }
            if (v < 1) throw new TypeConversionException("must be at least 1");
            return v;
        }
    }

    /** A port number, 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535) throw new TypeConversionException("not a port number (0 to 65535)");
            return Integer.parseInt(s);
        }
    }
}
