package micros.asm;

import java.util.function.Consumer;

/** One generated instruction: how to emit it, and its text and bytes once assembled alone. */
record Insn(int mode, Consumer<Assembler> emit) {
    AssembledSection.Line assemble() {
        Assembler a = new Assembler().bits(mode);
        emit.accept(a);
        AssembledSection text = a.finish().section(".text");
        if (text.listing().size() != 1) throw new IllegalStateException("expected one instruction, got " + text.listing());
        return text.listing().getFirst();
    }

    @Override public String toString() {
        try {
            AssembledSection.Line l = assemble();
            return "[" + mode + "-bit] " + l.text() + "  =>  " + java.util.HexFormat.ofDelimiter(" ").formatHex(l.bytes());
        } catch (AsmException e) {
            return "[" + mode + "-bit] " + e.getMessage();
        }
    }
}
