package micros.asm;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Example;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fixed corpus (a seeded sample of every form) assembled by GNU as and by us: the bytes must match.
 * GNU as reads our own listing text, so the text is checked too.
 */
class GnuAsCorpusTest {
    static final int SIZE = 400;

    static List<AssembledSection.Line> corpus(int mode) {
        Arbitrary<Insn> forms = Forms.any(mode);
        RandomGenerator<Insn> gen = forms.generator(1000);
        Random random = new Random(20261124L + mode);
        List<AssembledSection.Line> lines = new ArrayList<>();
        while (lines.size() < SIZE) lines.add(gen.next(random).value().assemble());
        return lines;
    }

    @Example
    void in64BitModeGnuAsProducesTheSameBytes() throws Exception { check(64); }

    @Example
    void in32BitModeGnuAsProducesTheSameBytes() throws Exception { check(32); }

    /** Runs inside jqwik (generators need its context), in a scratch directory under target/. */
    static void check(int mode) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "gas");
        List<AssembledSection.Line> lines = corpus(mode);
        StringBuilder src = new StringBuilder(".intel_syntax noprefix\n.code" + mode + "\n");
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        for (AssembledSection.Line l : lines) {
            src.append(l.text()).append('\n');
            ours.writeBytes(l.bytes());
        }
        Path s = Files.writeString(dir.resolve("corpus.s"), src);
        run(dir, "as", "--" + mode, "-msyntax=intel", "-mnaked-reg", "-o", "corpus.o", s.toString());
        run(dir, "objcopy", "-O", "binary", "-j", ".text", "corpus.o", "corpus.bin");
        byte[] theirs = Files.readAllBytes(dir.resolve("corpus.bin"));
        byte[] mine = ours.toByteArray();
        int at = 0;
        for (AssembledSection.Line l : lines) {
            byte[] expected = java.util.Arrays.copyOfRange(theirs, Math.min(at, theirs.length), Math.min(at + l.bytes().length, theirs.length));
            if (!java.util.Arrays.equals(expected, l.bytes()))
                fail("'" + l.text() + "': GNU as " + HexFormat.ofDelimiter(" ").formatHex(theirs, at, Math.min(at + 15, theirs.length))
                        + " (from here), ours " + HexFormat.ofDelimiter(" ").formatHex(l.bytes()));
            at += l.bytes().length;
        }
        assertEquals(theirs.length, mine.length);
        assertArrayEquals(theirs, mine);
    }

    static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
    }
}
