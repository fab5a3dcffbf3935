package micros.bench.console;

import micros.bench.machine.PageWalk;

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

    private static final long CR0_PG = 0x8000_0000L, CR4_PSE = 0x10, CR4_PAE = 0x20, EFER_LMA = 0x400;
    /** Indexed by 4 - level, as {@link PageWalk.Result#entries()}. */
    private static final String[] NAMES = {"PML4E", "PDPTE", "PDE", "PTE"};

    private enum Mode { BITS32, PAE, LEVEL4 }

    static String print(long cr0, long cr3, long cr4, long efer, long virtual, LongUnaryOperator read64) {
        if ((cr0 & CR0_PG) == 0) return "paging is off: physical = virtual 0x" + Long.toHexString(virtual);
        Mode mode = (cr4 & CR4_PAE) == 0 ? Mode.BITS32 : (efer & EFER_LMA) == 0 ? Mode.PAE : Mode.LEVEL4;
        if (mode != Mode.LEVEL4) virtual &= 0xFFFF_FFFFL; // outside long mode linear addresses are 32 bits
        PageWalk.Result r = PageWalk.translate(cr3, cr4, efer, virtual, read64);
        StringBuilder s = new StringBuilder(String.format("cr3 0x%x (%s paging)%n", cr3,
                switch (mode) { case BITS32 -> "32-bit"; case PAE -> "PAE"; case LEVEL4 -> "4-level"; }));
        int top = switch (mode) { case BITS32 -> 2; case PAE -> 3; case LEVEL4 -> 4; };
        for (int level = top; level >= 1; level--) {
            long e = r.entries()[4 - level];
            // Index bits: 10 per level in 32-bit paging, else 9; PAE's PDPT is indexed by bits 31:30 only.
            int index = mode == Mode.BITS32 ? (int) (virtual >>> (12 + 10 * (level - 1))) & 0x3FF : (int) (virtual >>> (12 + 9 * (level - 1))) & 511;
            boolean large = (e & 1) != 0 && (e & 0x80) != 0 && (level == 2 && (mode != Mode.BITS32 || (cr4 & CR4_PSE) != 0) || level == 3 && mode == Mode.LEVEL4);
            s.append(String.format(mode == Mode.BITS32 ? "%-5s [%4d] %08x %s%n" : "%-5s [%3d] %016x %s%n",
                    NAMES[4 - level], index, e, entry(e, mode, level, large)));
            if ((e & 1) == 0 || large) break;
        }
        s.append(r.present() ? "physical 0x" + Long.toHexString(r.physical()) : "not mapped: " + NAMES[4 - r.missingLevel()] + " not present");
        return s.toString();
    }

    private static String entry(long e, Mode mode, int level, boolean large) {
        if ((e & 1) == 0) return "not present";
        List<String> f = new ArrayList<>(List.of("P"));
        boolean paePdpte = mode == Mode.PAE && level == 3; // only P, PWT, PCD and the address are defined
        if (!paePdpte) {
            f.add((e & 2) != 0 ? "RW" : "RO");
            f.add((e & 4) != 0 ? "US" : "S");
        }
        if ((e & 8) != 0) f.add("PWT");
        if ((e & 0x10) != 0) f.add("PCD");
        if (!paePdpte && (e & 0x20) != 0) f.add("A");
        boolean leaf = level == 1 || large;
        if (leaf && (e & 0x40) != 0) f.add("D");
        if (leaf && (e & 0x100) != 0) f.add("G");
        if (large) f.add(switch (mode) { case BITS32 -> "4M"; default -> level == 3 ? "1G" : "2M"; });
        if (mode != Mode.BITS32 && e < 0) f.add("NX");
        return String.join(" ", f) + " -> 0x" + Long.toHexString(frame(e, mode, level, large));
    }

    /** The address an entry points to; a large page's bit 12 is PAT, not part of the address. */
    private static long frame(long e, Mode mode, int level, boolean large) {
        if (mode == Mode.BITS32)
            return large ? (e & 0xFFC0_0000L) | ((e >>> 13) & 0xFF) << 32 : e & 0xFFFF_F000L; // PSE-36: bits 39:32 in 20:13
        long address = e & 0x000F_FFFF_FFFF_F000L;
        return large ? address & ~((1L << (12 + 9 * (level - 1))) - 1) : address;
    }
}
