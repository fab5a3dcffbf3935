package micros.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks documents: every command they show in a code block, every output they mark as a command's
 * ({@link OutputSamples}), and every name they give in backticks.
 */
public final class DocsChecker {
    private final Path root;
    private final CommandCheck commands;
    private final SampleCheck samples;

    public DocsChecker(Path root, Launcher launcher) {
        this.root = root;
        Runs runs = new Runs(launcher);
        this.commands = new CommandCheck(runs);
        this.samples = new SampleCheck(runs);
    }

    /**
     * Checks README.md and docs/*.md of the working tree it runs in, without Maven (after a build):
     * {@code java -cp docs-check/target/classes micros.docs.DocsChecker}; prints each problem, exits 1 if any.
     */
    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        List<String> problems = new DocsChecker(root, new Launcher(root, java.time.Duration.ofSeconds(120))).check(documents(root));
        problems.forEach(System.out::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** README.md and docs/*.md of a working tree. */
    public static List<Path> documents(Path root) {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * Lines that tell history, the commands that do not run as shown, the output samples that are not what their
     * commands print, then the names that do not exist (looked for after the commands
     * ran: what a command makes, as {@code ./micros iso} its keys, counts); empty when all is well.
     */
    public List<String> check(List<Path> documents) {
        List<String> problems = new ArrayList<>();
        List<CodeSpans.Span> spans = new ArrayList<>();
        List<DocCommand> shown = new ArrayList<>();
        List<OutputSample> outputs = new ArrayList<>();
        for (Path doc : documents) {
            String name = doc.startsWith(root) ? root.relativize(doc).toString() : doc.getFileName().toString();
            String text;
            try {
                text = Files.readString(doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            problems.addAll(HistoryCheck.in(name, text));
            spans.addAll(CodeSpans.in(name, text));
            shown.addAll(FencedCommands.in(name, text));
            outputs.addAll(OutputSamples.in(name, text));
        }
        // a command shown in several places runs once
        java.util.Map<String, DocCommand> distinct = new java.util.LinkedHashMap<>();
        for (DocCommand c : shown) distinct.putIfAbsent(c.commandLine() + " #" + c.expectedExit(), c);
        for (DocCommand c : distinct.values()) commands.check(c).ifPresent(problems::add);
        for (OutputSample s : outputs) samples.check(s).ifPresent(problems::add);
        NameCheck names = new NameCheck(new RepositoryIndex(root));
        for (CodeSpans.Span span : spans) names.check(span).ifPresent(problems::add);
        return problems;
    }
}
