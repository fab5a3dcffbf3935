package micros.bench.console;

import micros.bench.machine.PageWalk;
import micros.bench.machine.PagingMode;
import micros.bench.machine.X86Bits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A page walk printed level by level in the paging mode the CPU is in (Intel SDM vol. 3, 4.3-4.5): 32-bit
 * paging (4-byte entries, PDE and PTE, 4 MiB pages with CR4.PSE), PAE (a 4-entry PDPT, then PDE and PTE)
 * and 4-level paging. The translation itself is {@link PageWalk}'s; this only names and decodes entries.
 */
final class WalkPrinter {
    private WalkPrinter() {}

    /** Indexed by 4 - level, as {@link PageWalk.Result#entries()}. */
    private static final String[] NAMES = {"PML4E", "PDPTE", "PDE", "PTE"};

    static String print(long cr0, long cr3, long cr4, long efer, long virtual, LongUnaryOperator read64) {
        PagingMode mode = PagingMode.of(cr0, cr4, efer);
        if (mode == PagingMode.OFF) return "paging is off: physical = virtual 0x" + Long.toHexString(virtual);
        if (mode.linearAddressesAre32Bits()) virtual &= 0xFFFF_FFFFL;
        PageWalk.Result r = PageWalk.translate(cr3, cr4, efer, virtual, read64);
        StringBuilder s = new StringBuilder(String.format("cr3 0x%x (%s paging)%n", cr3, mode));
        for (int level = mode.levels(); level >= 1; level--) {
            long e = r.entries()[4 - level];
            // Index bits: 10 per level in 32-bit paging, else 9; PAE's PDPT is indexed by bits 31:30 only.
            int index = mode == PagingMode.BITS32 ? (int) (virtual >>> (12 + 10 * (level - 1))) & 0x3FF : (int) (virtual >>> (12 + 9 * (level - 1))) & 511;
            boolean large = (e & X86Bits.PTE_P) != 0 && (e & X86Bits.PTE_PS) != 0 && (level == 2 && (mode != PagingMode.BITS32 || (cr4 & X86Bits.CR4_PSE) != 0) || level == 3 && mode == PagingMode.LEVEL4);
            s.append(String.format(mode == PagingMode.BITS32 ? "%-5s [%4d] %08x %s%n" : "%-5s [%3d] %016x %s%n",
                    NAMES[4 - level], index, e, entry(e, mode, level, large)));
            if ((e & X86Bits.PTE_P) == 0 || large) break;
        }
        s.append(r.present() ? "physical 0x" + Long.toHexString(r.physical()) : "not mapped: " + NAMES[4 - r.missingLevel()] + " not present");
        return s.toString();
    }

    private static String entry(long e, PagingMode mode, int level, boolean large) {
        if ((e & X86Bits.PTE_P) == 0) return "not present";
        List<String> f = new ArrayList<>(List.of("P"));
        boolean paePdpte = mode == PagingMode.PAE && level == 3; // only P, PWT, PCD and the address are defined
        if (!paePdpte) {
            f.add((e & X86Bits.PTE_W) != 0 ? "RW" : "RO");
            f.add((e & X86Bits.PTE_U) != 0 ? "US" : "S");
        }
        if ((e & X86Bits.PTE_PWT) != 0) f.add("PWT");
        if ((e & X86Bits.PTE_PCD) != 0) f.add("PCD");
        if (!paePdpte && (e & X86Bits.PTE_A) != 0) f.add("A");
        boolean leaf = level == 1 || large;
        if (leaf && (e & X86Bits.PTE_D) != 0) f.add("D");
        if (leaf && (e & X86Bits.PTE_G) != 0) f.add("G");
        if (large) f.add(switch (mode) { case BITS32 -> "4M"; default -> level == 3 ? "1G" : "2M"; });
        if (mode != PagingMode.BITS32 && (e & X86Bits.PTE_NX) != 0) f.add("NX");
        return String.join(" ", f) + " -> 0x" + Long.toHexString(frame(e, mode, level, large));
    }

    /** The address an entry points to; a large page's bit 12 is PAT, not part of the address. */
    private static long frame(long e, PagingMode mode, int level, boolean large) {
        if (mode == PagingMode.BITS32)
            return large ? (e & 0xFFC0_0000L) | ((e >>> 13) & 0xFF) << 32 : e & X86Bits.PTE32_ADDRESS; // PSE-36: bits 39:32 in 20:13
        long address = e & X86Bits.PTE_ADDRESS;
        return large ? address & ~((1L << (12 + 9 * (level - 1))) - 1) : address;
    }
}
