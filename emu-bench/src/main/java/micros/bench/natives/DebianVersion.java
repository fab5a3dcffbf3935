package micros.bench.natives;

/**
 * A Debian package version ({@code [epoch:]upstream[-revision]}) ordered as dpkg orders them (Debian Policy
 * 5.6.12): letters before other characters, {@code ~} before everything, even the end; digit runs by value.
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    /** Parses {@code text}; a one-line error names the text when it is not a version. */
    public static DebianVersion parse(String text) {
        String s = text.strip();
        long epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            try { epoch = Long.parseLong(s.substring(0, colon)); }
            catch (NumberFormatException e) { throw new IllegalArgumentException("'" + text + "' is not a Debian version: bad epoch"); }
            s = s.substring(colon + 1);
        }
        int dash = s.lastIndexOf('-');
        String upstream = dash >= 0 ? s.substring(0, dash) : s, revision = dash >= 0 ? s.substring(dash + 1) : "";
        if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0)))
            throw new IllegalArgumentException("'" + text + "' is not a Debian version: the upstream part must start with a digit");
        return new DebianVersion(epoch, upstream, revision);
    }

    /** The first {@code n} numeric components of the upstream version ("2.1.4" → 2, 1 for n = 2); missing ones are 0. */
    public long[] leading(int n) {
        long[] out = new long[n];
        String[] parts = upstream.split("[^0-9]+", -1);
        for (int i = 0; i < n && i < parts.length; i++) out[i] = parts[i].isEmpty() ? 0 : Long.parseLong(parts[i]);
        return out;
    }

    /** Same major and minor upstream version ("2.1.x"). */
    public boolean sameMinor(DebianVersion other) { return java.util.Arrays.equals(leading(2), other.leading(2)); }

    @Override public int compareTo(DebianVersion o) {
        if (epoch != o.epoch) return Long.compare(epoch, o.epoch);
        int c = compareParts(upstream, o.upstream);
        return c != 0 ? c : compareParts(revision, o.revision);
    }

    /** dpkg's verrevcmp: alternate non-digit runs (character by character) and digit runs (by value). */
    private static int compareParts(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isDigit(a.charAt(i)) || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ca = order(a, i), cb = order(b, j);
                if (ca != cb) return Integer.compare(ca, cb);
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') i++;
            while (j < b.length() && b.charAt(j) == '0') j++;
            int first = 0;
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (first == 0) first = a.charAt(i) - b.charAt(j);
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) return 1;
            if (j < b.length() && Character.isDigit(b.charAt(j))) return -1;
            if (first != 0) return Integer.signum(first);
        }
        return 0;
    }

    /** The weight of the character at {@code i}: end and digits 0, '~' below, letters by code, others above letters. */
    private static int order(String s, int i) {
        if (i >= s.length()) return 0;
        char c = s.charAt(i);
        if (Character.isDigit(c)) return 0;
        if (Character.isLetter(c)) return c;
        if (c == '~') return -1;
        return c + 256;
    }

    @Override public String toString() { return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision); }
}
