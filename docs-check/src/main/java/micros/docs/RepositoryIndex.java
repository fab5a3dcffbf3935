package micros.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every file and directory of a working tree, build outputs included (a document may name
 * {@code fixtures/target/hello.elf}), {@code .git} excluded: what the names in the documents are checked against.
 */
public final class RepositoryIndex {
    private final Path root;
    private final List<String> paths = new ArrayList<>();            // relative, with '/'
    private final Map<String, List<Path>> byFileName = new HashMap<>();

    public RepositoryIndex(Path root) {
        this.root = root;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !root.relativize(p).toString().startsWith(".git" + java.io.File.separator) && !root.relativize(p).toString().equals(".git"))
                .forEach(p -> {
                    String rel = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                    if (rel.isEmpty()) return;
                    paths.add(rel);
                    byFileName.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).add(p);
                });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /** The files and directories called {@code name}, anywhere in the tree. */
    public List<Path> named(String name) {
        return byFileName.getOrDefault(name, List.of());
    }

    /** Relative paths, '/'-separated, of every file and directory. */
    public List<String> paths() {
        return paths;
    }
}
