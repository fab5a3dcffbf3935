package micros.bench.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Debian mirror and keyring the host's apt is configured with, read from its sources — one-line
 * {@code sources.list} files (Debian 12's default) and deb822 {@code *.sources} files (Debian 13's, and
 * Debian 12 images built since) — so the project fetches from the same place with the same trust, and
 * writes the private sources list it gives apt.
 */
public final class AptSources {
    /**
     * A mirror: its URI and the Signed-By value lines as the host wrote them (a keyring path, fingerprints or
     * an embedded key; empty when the host relies on apt's trusted keyrings).
     */
    public record Mirror(String uri, List<String> signedBy) {}

    /** One entry of a sources file. */
    record Entry(List<String> types, List<String> uris, List<String> suites, List<String> components, List<String> signedBy) {
        /** A Debian archive of binary packages with main, not the security archive (which has no other suites). */
        boolean isArchiveMirror() {
            return types.contains("deb") && components.contains("main") && !uris.isEmpty()
                    && uris.stream().noneMatch(u -> u.contains("security")) && suites.stream().noneMatch(s -> s.endsWith("-security"));
        }
    }

    private static final String DEFAULT_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

    private AptSources() {}

    /** The first archive mirror in apt's reading order: {@code sources.list}, then {@code sources.list.d/} by name. */
    public static Mirror discover(Path etcApt) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(etcApt.resolve("sources.list"))) files.add(etcApt.resolve("sources.list"));
        Path parts = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(parts)) {
            try (Stream<Path> s = Files.list(parts)) {
                s.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(parts + ": " + e.getMessage(), e);
            }
        }
        for (Path f : files) {
            String text;
            try { text = Files.readString(f); } catch (IOException e) { throw new UncheckedIOException(f + ": " + e.getMessage(), e); }
            List<Entry> entries = f.toString().endsWith(".sources") ? deb822(text) : oneLine(text);
            for (Entry e : entries) if (e.isArchiveMirror()) return new Mirror(e.uris().getFirst(), e.signedBy());
        }
        throw new IllegalStateException("no Debian archive mirror (a 'deb' source with 'main', not the security archive) in "
                + etcApt.resolve("sources.list") + " or " + parts + "/*.{list,sources}");
    }

    /** deb822 stanzas: "Field: value", continuation lines indented ("." for an empty line), "#" comments. */
    static List<Entry> deb822(String text) {
        List<Entry> out = new ArrayList<>();
        List<String> stanza = new ArrayList<>();
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.startsWith("#")) continue;
            if (!line.isBlank()) {
                stanza.add(line);
                continue;
            }
            if (!stanza.isEmpty()) {
                Entry e = stanzaEntry(stanza);
                if (e != null) out.add(e);
                stanza = new ArrayList<>();
            }
        }
        return out;
    }

    private static Entry stanzaEntry(List<String> lines) {
        java.util.Map<String, List<String>> fields = new java.util.HashMap<>();
        List<String> current = null;
        for (String line : lines) {
            if (Character.isWhitespace(line.charAt(0))) {
                if (current != null) current.add(line.strip().equals(".") ? "" : line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            current = new ArrayList<>();
            String value = line.substring(colon + 1).strip();
            if (!value.isEmpty()) current.add(value);
            fields.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), current);
        }
        if (words(fields.get("enabled")).contains("no")) return null;
        return new Entry(words(fields.get("types")), words(fields.get("uris")), words(fields.get("suites")),
                words(fields.get("components")), fields.getOrDefault("signed-by", List.of()));
    }

    private static List<String> words(List<String> value) {
        if (value == null) return List.of();
        return value.stream().flatMap(v -> Stream.of(v.split("\\s+"))).filter(w -> !w.isEmpty()).toList();
    }

    /** One-line entries: {@code deb [option=value ...] uri suite component...}. */
    static List<Entry> oneLine(String text) {
        List<Entry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) continue;
            List<String> signedBy = List.of();
            int open = line.indexOf('['), close = line.indexOf(']');
            if (open >= 0 && close > open) {
                for (String option : line.substring(open + 1, close).strip().split("\\s+"))
                    if (option.startsWith("signed-by=")) signedBy = List.of(option.substring("signed-by=".length()));
                line = line.substring(0, open) + line.substring(close + 1);
            }
            String[] w = line.strip().split("\\s+");
            if (w.length < 3) continue;
            out.add(new Entry(List.of(w[0]), List.of(w[1]), List.of(w[2]), List.of(w).subList(3, w.length), signedBy));
        }
        return out;
    }

    /** The private deb822 sources list: the host's mirror and keyring, the suites the lock names, main only. */
    public static String privateSources(Mirror mirror, List<String> suites) {
        StringBuilder s = new StringBuilder("Types: deb\nURIs: " + mirror.uri() + "\nSuites: " + String.join(" ", suites) + "\nComponents: main\n");
        List<String> signedBy = mirror.signedBy();
        if (signedBy.isEmpty() && Files.exists(Path.of(DEFAULT_KEYRING))) signedBy = List.of(DEFAULT_KEYRING);
        if (signedBy.size() == 1) s.append("Signed-By: ").append(signedBy.getFirst()).append('\n');
        else if (!signedBy.isEmpty()) {
            s.append("Signed-By:\n");
            for (String line : signedBy) s.append(' ').append(line.isEmpty() ? "." : line).append('\n');
        }
        return s.toString();
    }
}
