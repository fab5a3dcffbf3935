package micros.crosscheck;

import micros.asm.ElfImage;
import micros.asm.ElfSegment;
import micros.asm.ElfSymbol;
import micros.bench.disasm.Disassembler;
import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.kernel.boot.KernelImage;

import java.util.Arrays;
import java.util.List;

/**
 * The machine code of a compiled method as linked into the kernel, decoded by Capstone: what tests assert
 * about the code generator's output, and (as a main) what to read when tuning it.
 * {@code Disassembly CLASS METHOD...} prints the methods compiled with everything they call.
 */
public final class Disassembly {
    private Disassembly() {}

    /** The instructions of the function {@code symbol} in {@code image}. */
    public static List<Disassembler.Insn> of(ElfImage image, String symbol) {
        ElfSymbol s = image.symbols().stream().filter(x -> x.name().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no symbol " + symbol));
        ElfSegment seg = image.segments().stream().filter(x -> x.contains(s.address())).findFirst().orElseThrow();
        int from = (int) (s.address() - seg.vaddr());
        byte[] code = Arrays.copyOfRange(seg.bytes(), from, from + (int) s.size());
        try (Disassembler d = new Disassembler()) {
            return d.decodeAll(64, s.address(), code);
        }
    }

    /** The compiled methods linked into the kernel, as the bench runs them. */
    public static ElfImage link(Compiler.Result compiled) { return KernelImage.build(List.of(compiled.module())); }

    public static void main(String[] args) {
        ClassSource source = new ClassSource(Disassembly.class.getClassLoader());
        List<MethodRef> methods = Arrays.stream(args, 1, args.length).map(n -> Compiler.method(source, args[0], n)).toList();
        Compiler.Result compiled = Compiler.compile(source, methods);
        ElfImage image = link(compiled);
        for (String symbol : compiled.symbols().values()) {
            System.out.println(symbol + ":");
            for (Disassembler.Insn i : of(image, symbol)) System.out.printf("  %8x  %s%n", i.address(), i.text());
        }
    }
}
