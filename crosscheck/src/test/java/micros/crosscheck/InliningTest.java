package micros.crosscheck;

import micros.asm.ElfImage;
import micros.bench.disasm.Disassembler;
import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the allocator's compiled code: the small FrameList helpers are compiled into its methods,
 * not called, and methods whose values all fit in registers set up no frame.
 */
class InliningTest {
    static Compiler.Result compiled;
    static ElfImage image;

    @BeforeAll
    static void compileTheAllocator() {
        ClassSource source = new ClassSource(InliningTest.class.getClassLoader());
        List<MethodRef> entries = List.of("init", "allocate4k", "allocate2m", "addFrame4k", "supports1g").stream()
                .map(n -> Compiler.method(source, FrameAllocator.class.getName(), n)).toList();
        compiled = Compiler.compile(source, entries);
        image = Disassembly.link(compiled);
    }

    static List<String> calls(String symbol) {
        return Disassembly.of(image, symbol).stream().filter(i -> i.mnemonic().equals("call")).map(Disassembler.Insn::operands).toList();
    }

    @Test
    void listHelpersAreInlined() {
        for (String helper : List.of("pop", "push", "clear"))
            assertFalse(compiled.symbols().values().contains("micros.frames.FrameList." + helper), helper + " was compiled as a function: some call was not inlined");
        // allocate4k still calls what is too big or loops: allocate2m and pushRange, and nothing else.
        List<String> targets = calls("micros.frames.FrameAllocator.allocate4k");
        List<String> expected = List.of(image.symbol("micros.frames.FrameAllocator.allocate2m"), image.symbol("micros.frames.FrameAllocator.pushRange"))
                .stream().map(a -> "0x" + Long.toHexString(a)).toList();
        assertTrue(expected.containsAll(targets) && targets.size() == 2, "allocate4k calls " + targets + ", expected only " + expected);
    }

    @Test
    void entryPointsKeepTheirSymbolsWhenInlinedElsewhere() {
        // supports1g is inlined into allocate1g (itself inlined into allocate2m), but is an entry point too.
        assertTrue(image.symbol("micros.frames.FrameAllocator.supports1g") != 0);
        assertTrue(calls("micros.frames.FrameAllocator.allocate2m").stream().noneMatch(c -> c.equals("0x" + Long.toHexString(image.symbol("micros.frames.FrameAllocator.supports1g")))));
    }

    @Test
    void noFrameWhereEveryValueHasARegister() {
        for (String m : List.of("allocate4k", "allocate2m", "pushRange")) {
            List<String> code = Disassembly.of(image, "micros.frames.FrameAllocator." + m).stream().map(Disassembler.Insn::text).toList();
            assertTrue(code.stream().noneMatch(i -> i.contains("rbp")), m + " sets up a frame: " + code);
        }
    }
}
