package micros.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The working tree the tests run in: the parent of the module's directory, where the launcher is. */
final class Tree {
    private Tree() {}

    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isExecutable(root.resolve("micros"))) throw new IllegalStateException("no ./micros launcher in " + root);
        return root;
    }
}
