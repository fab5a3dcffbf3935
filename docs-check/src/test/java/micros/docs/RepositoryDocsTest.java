package micros.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README.md and docs/*.md: the commands they show run as shown, the names they give exist. */
class RepositoryDocsTest {
    @Test
    void theDocumentsAreTrue() {
        Path root = Tree.root();
        List<String> problems = new DocsChecker(root, new Launcher(root, Duration.ofSeconds(120))).check(DocsChecker.documents(root));
        assertEquals(List.of(), problems, "what the documents say and the tree does not:\n" + String.join("\n", problems));
    }
}
