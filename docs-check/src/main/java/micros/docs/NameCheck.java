package micros.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name a document gives in backticks exists: a path in the tree ({@code kernel/src/main/java/…},
 * {@code fixtures/target/*.elf}), a file by its name ({@code mm-spin.elf}), a class ({@code Machine},
 * {@code micros.frames.FrameAllocator}) with the member it names ({@code GuestMemory.physicalOf}),
 * or a package ({@code micros.magic}). Spans that are none of these (commands, registers, symbols, output)
 * are not names and pass; absolute paths are outside the tree (or inside the ISO) and pass.
 */
public final class NameCheck {
    /** Characters no name contains: a span with one is code, output or a command line. */
    private static final Pattern NOT_A_NAME = Pattern.compile("[\\s$~=<>\\\\(),:;'\"|@{}\\[\\]+!?#%&]");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(elf|bin|java|md|sh|png|iso|xml|lock|yml)");
    private static final Pattern JAVA_NAME =
            Pattern.compile("((?:[a-z][a-z0-9_]*\\.)*)([A-Z][A-Za-z0-9]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*)(\\*)?)?");
    private static final Pattern PACKAGE = Pattern.compile("micros(\\.[a-z][a-z0-9_]*)+");

    private final RepositoryIndex index;

    public NameCheck(RepositoryIndex index) {
        this.index = index;
    }

    /** Empty when the span names nothing or something that exists, else what is missing. */
    public Optional<String> check(CodeSpans.Span span) {
        String s = span.text();
        if (s.startsWith("./")) s = s.substring(2);
        if (s.isEmpty() || s.startsWith("/") || s.startsWith("-") || NOT_A_NAME.matcher(s).find()) return Optional.empty();
        if (s.contains("/") && looksLikePath(s)) return pathProblem(s).map(p -> span.where() + ": `" + span.text() + "`: " + p);
        if (FILE_NAME.matcher(s).matches())
            return index.named(s).isEmpty() ? Optional.of(span.where() + ": `" + s + "`: no file of that name") : Optional.empty();
        if (PACKAGE.matcher(s).matches()) {
            String dir = s.replace('.', '/');
            boolean found = index.paths().stream().anyMatch(p -> p.endsWith("/java/" + dir));
            return found || !index.named(s).isEmpty() ? Optional.empty() : Optional.of(span.where() + ": `" + s + "`: no package of that name");
        }
        Matcher m = JAVA_NAME.matcher(s);
        if (m.matches() && m.group(2).chars().anyMatch(Character::isLowerCase))
            return javaProblem(m.group(1), m.group(2), m.group(3), m.group(4) != null).map(p -> span.where() + ": `" + span.text() + "`: " + p);
        return Optional.empty();
    }

    /**
     * A span with a '/' is a path of the tree when its first segment is a top-level entry of the tree or it ends
     * in a file kind of the tree ({@code kernal/…/Boot.java} is then wrong, not ignored); {@code x/i} (gdb) and
     * paths inside the ISO are not.
     */
    private boolean looksLikePath(String s) {
        String first = s.substring(0, s.indexOf('/'));
        if (!first.isEmpty() && index.exists(first)) return true;
        String last = s.substring(s.lastIndexOf('/') + 1);
        return FILE_NAME.matcher(last.replace("*", "x")).matches();
    }

    private Optional<String> pathProblem(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!p.contains("*") && !p.contains("…") && !p.contains("...")) return index.exists(p) ? Optional.empty() : Optional.of("no such file or directory");
        // a pattern: '*' within a segment, '…' or '...' as any number of segments, a last segment without '.' its stem
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); ) {
            if (p.startsWith("...", i)) { regex.append(".*"); i += 3; }
            else if (p.charAt(i) == '…') { regex.append(".*"); i++; }
            else if (p.charAt(i) == '*') { regex.append("[^/]*"); i++; }
            else { regex.append(Pattern.quote(String.valueOf(p.charAt(i)))); i++; }
        }
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (!last.contains(".") && !last.contains("*")) regex.append("(\\.[^/]*)?");
        Pattern pattern = Pattern.compile(regex.toString());
        return index.paths().stream().anyMatch(x -> pattern.matcher(x).matches()) ? Optional.empty() : Optional.of("matches no file");
    }

    private Optional<String> javaProblem(String packagePrefix, String simpleName, String member, boolean memberPrefix) {
        List<Path> sources;
        if (!packagePrefix.isEmpty()) {
            String suffix = "/java/" + packagePrefix.replace('.', '/') + simpleName + ".java";
            sources = index.named(simpleName + ".java").stream()
                    .filter(f -> index.root().relativize(f).toString().replace(java.io.File.separatorChar, '/').contains(suffix.substring(1)))
                    .toList();
            if (sources.isEmpty()) return Optional.of("no class " + packagePrefix + simpleName);
        } else {
            sources = index.named(simpleName + ".java");
            if (sources.isEmpty()) {
                if (isJdkClass(simpleName)) return Optional.empty();
                return Optional.of("no class " + simpleName + " in the tree or in java.lang");
            }
        }
        if (member == null) return Optional.empty();
        Pattern word = Pattern.compile("\\b" + Pattern.quote(member) + (memberPrefix ? "" : "\\b"));
        for (Path source : sources) {
            try {
                if (word.matcher(Files.readString(source)).find()) return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(simpleName + " has no " + member);
    }

    private static boolean isJdkClass(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, NameCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
