package micros.bench.cli;

/** Parses sizes like {@code 512M}, {@code 4G}, {@code 65536} and counts like {@code 10000000} or {@code 10M}. */
final class Sizes {
    private Sizes() {}

    static long parse(String s, String option) {
        long v = parseCount(s, option);
        if (v < (2 << 20) || (v & 0xFFF) != 0) throw new IllegalArgumentException(option + " " + s + ": must be at least 2M and a multiple of 4K");
        return v;
    }

    static long parseCount(String s, String option) {
        String t = s.trim().toUpperCase();
        long mult = 1;
        if (t.endsWith("K")) mult = 1L << 10;
        else if (t.endsWith("M")) mult = 1L << 20;
        else if (t.endsWith("G")) mult = 1L << 30;
        if (mult != 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t);
            if (v < 0) throw new NumberFormatException();
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + " " + s + ": not a size (e.g. 128M, 1G, 65536)");
        }
    }
}
