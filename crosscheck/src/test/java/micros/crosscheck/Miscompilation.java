package micros.crosscheck;

import micros.asm.AssembledModule;
import micros.asm.AssembledSection;
import micros.asm.Reloc;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deliberate miscompilation, for showing that a check catches one: a post-pass over compiled code that
 * turns one instruction of a method into nops (its relocation dropped with it), as if the compiler had not
 * emitted it.
 */
final class Miscompilation {
    private Miscompilation() {}

    /** What was dropped, and the code without it. */
    record Dropped(String instruction, Compiler.Result compiled) {}

    /** Drops the first instruction of {@code method} whose listing text {@code matches}. */
    static Dropped drop(Compiler.Result compiled, MethodRef method, Predicate<String> matches) {
        AssembledModule module = compiled.module();
        AssembledSection text = module.section(".text");
        String symbol = compiled.symbols().get(method);
        long start = text.labels().get(symbol);
        long end = compiled.symbols().values().stream().map(text.labels()::get).filter(o -> o > start).min(Long::compare).orElse(text.size());
        for (AssembledSection.Line line : text.listing()) {
            if (line.offset() < start || line.offset() >= end || !matches.test(line.text())) continue;
            byte[] bytes = text.bytes().clone();
            Arrays.fill(bytes, (int) line.offset(), (int) line.offset() + line.bytes().length, (byte) 0x90);
            List<Reloc> relocs = text.relocs().stream()
                    .filter(r -> r.offset() < line.offset() || r.offset() >= line.offset() + line.bytes().length).toList();
            AssembledSection patched = new AssembledSection(text.section(), bytes, text.size(), text.alignment(), relocs, text.labels(), text.listing());
            List<AssembledSection> sections = new ArrayList<>(module.sections());
            sections.set(sections.indexOf(text), patched);
            return new Dropped(line.text(), new Compiler.Result(new AssembledModule(sections, module.globals()), compiled.symbols(), compiled.statics()));
        }
        throw new IllegalArgumentException(method.display() + " has no instruction that matches");
    }
}
