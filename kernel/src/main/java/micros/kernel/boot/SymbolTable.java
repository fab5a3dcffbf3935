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
        return outer(all).stream().filter(ElfSymbol::code).filter(s -> s.size() > 0).toList();
    }

    /** The symbols without the labels inside them ({@code name.xyz} within {@code name}), by address. */
    public static List<ElfSymbol> outer(List<ElfSymbol> all) {
        List<ElfSymbol> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(ElfSymbol::address));
        List<ElfSymbol> out = new ArrayList<>();
        ElfSymbol enclosing = null;
        for (ElfSymbol s : sorted) {
            boolean inner = enclosing != null && s.name().startsWith(enclosing.name() + ".") && s.address() < enclosing.address() + Math.max(1, enclosing.size());
            if (inner) continue;
            out.add(s);
            enclosing = s;
        }
        return out;
    }

    public static void emit(Assembler a, List<ElfSymbol> symbols) {
        a.section(Section.RODATA).align(8).global(LABEL).label(LABEL).dq(symbols.size());
        for (int i = 0; i < symbols.size(); i++) a.dq(symbols.get(i).address(), symbols.get(i).size()).dqSymbol(LABEL + ".name" + i, 0);
        for (int i = 0; i < symbols.size(); i++) a.label(LABEL + ".name" + i).asciz(symbols.get(i).name());
    }
}
