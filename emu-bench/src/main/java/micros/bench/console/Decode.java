package micros.bench.console;

import micros.bench.machine.PagingMode;
import micros.bench.machine.X86Bits;

import java.util.ArrayList;
import java.util.List;

/** Register and descriptor bits spelled out (Intel SDM vol. 3: 2.3, 2.5, 4.5, 3.4.5). */
final class Decode {
    private Decode() {}

    private static String bits(long v, String[] names) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < names.length; i++) if (names[i] != null && (v >>> i & 1) != 0) set.add(names[i]);
        return String.format("0x%x [%s]", v, String.join(" ", set));
    }

    static String rflags(long v) {
        String s = bits(v, new String[] {"CF", null, "PF", null, "AF", null, "ZF", "SF", "TF", "IF", "DF", "OF", null, null, "NT", null, "RF", "VM", "AC", "VIF", "VIP", "ID"});
        return s + " IOPL " + (v >>> 12 & 3);
    }

    static String cr0(long v) {
        String[] n = new String[32];
        n[0] = "PE"; n[1] = "MP"; n[2] = "EM"; n[3] = "TS"; n[4] = "ET"; n[5] = "NE"; n[16] = "WP"; n[18] = "AM"; n[29] = "NW"; n[30] = "CD"; n[31] = "PG";
        return bits(v, n);
    }

    static String cr4(long v) {
        return bits(v, new String[] {"VME", "PVI", "TSD", "DE", "PSE", "PAE", "MCE", "PGE", "PCE", "OSFXSR", "OSXMMEXCPT", "UMIP", "LA57",
            "VMXE", "SMXE", null, "FSGSBASE", "PCIDE", "OSXSAVE", null, "SMEP", "SMAP", "PKE"});
    }

    static String efer(long v) {
        String[] n = new String[12];
        n[0] = "SCE"; n[8] = "LME"; n[10] = "LMA"; n[11] = "NXE";
        return bits(v, n);
    }

    /** CR3: the top paging structure's address (a PAE PDPT is only 32-byte aligned), its cache bits, or with CR4.PCIDE the PCID. */
    static String cr3(long v, long cr4, long efer) {
        boolean pae = PagingMode.enabled(cr4, efer) == PagingMode.PAE, pcid = (cr4 & X86Bits.CR4_PCIDE) != 0;
        String flags = pcid ? " PCID " + (v & 0xFFF) : ((v & X86Bits.PTE_PWT) != 0 ? " PWT" : "") + ((v & X86Bits.PTE_PCD) != 0 ? " PCD" : "");
        return String.format("0x%x [table 0x%x%s]", v, v & (pae ? X86Bits.CR3_PAE_ADDRESS : X86Bits.PTE_ADDRESS), flags);
    }

    /** A code/data segment descriptor. */
    static String segment(long d) {
        if (d == 0) return "null";
        if ((d >>> 47 & 1) == 0) return "not present";
        boolean code = (d >>> 43 & 1) != 0, system = (d >>> 44 & 1) == 0;
        int dpl = (int) (d >>> 45 & 3);
        if (system) return "system descriptor type " + (d >>> 40 & 15) + " DPL " + dpl;
        String width = (d >>> 53 & 1) != 0 ? "64-bit" : (d >>> 54 & 1) != 0 ? "32-bit" : "16-bit";
        return (code ? "code " + width : "data") + " DPL " + dpl;
    }
}
