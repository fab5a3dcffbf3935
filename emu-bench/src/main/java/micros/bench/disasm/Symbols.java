package micros.bench.disasm;

import micros.asm.ElfSymbol;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A kernel's symbols by address, to print {@code name+0x12} for an address. */
public final class Symbols {
    private final NavigableMap<Long, ElfSymbol> byAddress = new TreeMap<>();

    public Symbols(List<ElfSymbol> symbols) {
        for (ElfSymbol s : symbols) byAddress.merge(s.address(), s, (a, b) -> a.global() ? a : b);
    }

    /** {@code name} or {@code name+0xN}; empty when no symbol precedes the address (or it is past a sized symbol). */
    public String describe(long address) {
        Map.Entry<Long, ElfSymbol> e = byAddress.floorEntry(address);
        if (e == null) return "";
        ElfSymbol s = e.getValue();
        long off = address - s.address();
        if (s.size() > 0 && off >= s.size() && off > 0x10000) return "";
        return off == 0 ? s.name() : s.name() + "+0x" + Long.toHexString(off);
    }

    public Long address(String name) {
        for (ElfSymbol s : byAddress.values()) if (s.name().equals(name)) return s.address();
        return null;
    }
}
