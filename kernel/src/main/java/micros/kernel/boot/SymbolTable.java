package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.ElfSymbol;
import micros.asm.Section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The kernel's code symbols in its own image, for exception reports ({@code kernel_symbols} in .rodata):
 * u64 count, then per symbol u64 address, u64 size, u64 address of its NUL-terminated name, by address.
 * Labels inside a symbol ({@code name.xyz}) are left out. The table lies after the code, so building it
 * from a first link does not move what it lists.
 */
public final class SymbolTable {
    public static final String LABEL = "kernel_symbols";

    private SymbolTable() {}

    /** The code symbols worth naming, by address. */
    public static List<ElfSymbol> named(List<ElfSymbol> all) {
        List<ElfSymbol> code = new ArrayList<>(all.stream().filter(ElfSymbol::code).filter(s -> s.size() > 0).toList());
        code.sort(Comparator.comparingLong(ElfSymbol::address));
        List<ElfSymbol> out = new ArrayList<>();
        for (ElfSymbol s : code)
            if (out.isEmpty() || !s.name().startsWith(out.getLast().name() + ".") || s.address() >= out.getLast().address() + out.getLast().size()) out.add(s);
        return out;
    }

    public static void emit(Assembler a, List<ElfSymbol> symbols) {
        a.section(Section.RODATA).align(8).global(LABEL).label(LABEL).dq(symbols.size());
        for (int i = 0; i < symbols.size(); i++) a.dq(symbols.get(i).address(), symbols.get(i).size()).dqSymbol(LABEL + ".name" + i, 0);
        for (int i = 0; i < symbols.size(); i++) a.label(LABEL + ".name" + i).asciz(symbols.get(i).name());
    }
}
