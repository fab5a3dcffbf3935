package micros.bench.gdb;

import micros.bench.machine.cpu.CpuView;
import micros.bench.machine.cpu.Msr;
import micros.bench.machine.cpu.Register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The registers gdb sees, and the target description (target.xml) that tells gdb about them. The
 * remote protocol numbers registers in the order the XML lists them, so one table serves the XML, the
 * 'g' packet and the 'p' packet and the three cannot disagree.
 * <p>
 * gdb's amd64 support insists that the core feature lists the x87 registers too; the bench does not
 * model the FPU, so those are reported as unavailable. The 'g' packet stops after gs, as it did before
 * there was a description: gdb fetches everything past it one by one with 'p'.
 */
final class TargetDescription {
    /** One register: its size in bytes and where its value comes from (null: unavailable). */
    private record Entry(String name, int bytes, ToLongFunction<CpuView> value) {}

    /** gdb may write these with 'P': plain registers with no side effects the bench must model. */
    private static final Map<Integer, Register> WRITABLE = new HashMap<>();
    /** The register number of rip, which gdb writes for {@code jump} and {@code set $pc}. */
    static final int RIP = 16;

    private static final List<Entry> REGISTERS = new ArrayList<>();
    private static final StringBuilder XML = new StringBuilder();
    /** Registers 0 .. G_PACKET_COUNT-1 travel in the 'g' packet. */
    static final int G_PACKET_COUNT;

    static {
        XML.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n")
           .append("<architecture>i386:x86-64</architecture>\n");
        XML.append("<feature name=\"org.gnu.gdb.i386.core\">\n");
        flags("i386_eflags", 4, "CF", 0, "PF", 2, "AF", 4, "ZF", 6, "SF", 7, "TF", 8, "IF", 9, "DF", 10, "OF", 11,
                "NT", 14, "RF", 16, "VM", 17, "AC", 18, "VIF", 19, "VIP", 20, "ID", 21);
        String[] gprs = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
        List<Register> ids = Register.GENERAL;
        for (int i = 0; i < gprs.length; i++) {
            String type = gprs[i].equals("rbp") || gprs[i].equals("rsp") ? "data_ptr" : "int64";
            WRITABLE.put(REGISTERS.size(), ids.get(i));
            reg(gprs[i], 8, type, null, reg(ids.get(i)));
        }
        reg("rip", 8, "code_ptr", null, reg(Register.RIP));
        WRITABLE.put(REGISTERS.size(), Register.RFLAGS);
        reg("eflags", 4, "i386_eflags", null, reg(Register.RFLAGS));
        String[] segments = {"cs", "ss", "ds", "es", "fs", "gs"};
        Register[] segmentIds = {Register.CS, Register.SS, Register.DS, Register.ES, Register.FS, Register.GS};
        for (int i = 0; i < segments.length; i++) reg(segments[i], 4, "int32", null, reg(segmentIds[i]));
        G_PACKET_COUNT = REGISTERS.size();
        for (int i = 0; i < 8; i++) reg("st" + i, 10, "i387_ext", null, null);
        for (String f : new String[] {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"}) reg(f, 4, "int", "float", null);
        XML.append("</feature>\n");

        // A known feature: gdb shows $fs_base and $gs_base as amd64 registers.
        XML.append("<feature name=\"org.gnu.gdb.i386.segments\">\n");
        reg("fs_base", 8, "int", null, cpu -> cpu.msr(Msr.FS_BASE));
        reg("gs_base", 8, "int", null, cpu -> cpu.msr(Msr.GS_BASE));
        XML.append("</feature>\n");

        // Not a feature gdb knows: it keeps the registers as plain ones, reachable by name ($cr0, info registers efer).
        XML.append("<feature name=\"micros.bench.system\">\n");
        flags("cr0_flags", 8, "PE", 0, "MP", 1, "EM", 2, "TS", 3, "ET", 4, "NE", 5, "WP", 16, "AM", 18, "NW", 29, "CD", 30, "PG", 31);
        flags("efer_flags", 8, "SCE", 0, "LME", 8, "LMA", 10, "NXE", 11);
        reg("cr0", 8, "cr0_flags", "system", reg(Register.CR0));
        reg("cr2", 8, "code_ptr", "system", reg(Register.CR2));
        reg("cr3", 8, "uint64", "system", reg(Register.CR3));
        reg("cr4", 8, "uint64", "system", reg(Register.CR4));
        reg("efer", 8, "efer_flags", "system", cpu -> cpu.msr(Msr.EFER));
        XML.append("</feature>\n</target>\n");
    }

    private TargetDescription() {}

    private static ToLongFunction<CpuView> reg(Register r) { return cpu -> cpu.reg(r); }

    private static void reg(String name, int bytes, String type, String group, ToLongFunction<CpuView> value) {
        String line = "  <reg name=\"" + name + "\" bitsize=\"" + 8 * bytes + "\" type=\"" + type + "\""
                + (group == null ? "" : " group=\"" + group + "\"") + "/>\n";
        REGISTERS.add(new Entry(name, bytes, value));
        XML.append(line);
    }

    /** A flags type: gdb prints the set bits by name ({@code [ PG PE ]}). Pairs of name and bit. */
    private static void flags(String id, int bytes, Object... fields) {
        XML.append("  <flags id=\"").append(id).append("\" size=\"").append(bytes).append("\">\n");
        for (int i = 0; i < fields.length; i += 2)
            XML.append("    <field name=\"").append(fields[i]).append("\" start=\"").append(fields[i + 1])
               .append("\" end=\"").append(fields[i + 1]).append("\"/>\n");
        XML.append("  </flags>\n");
    }

    static String xml() { return XML.toString(); }

    /** The 'g' reply: the registers before the x87 ones, little-endian hex. */
    static String gPacket(CpuView cpu) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < G_PACKET_COUNT; i++) s.append(value(cpu, i));
        return s.toString();
    }

    /** The register that 'P' may write as register {@code number}, or null if it may not. */
    static Register writable(int number) { return WRITABLE.get(number); }

    /** A little-endian hex register value as gdb sends it in 'P'. */
    static long parse(String hex) {
        long v = 0;
        for (int i = Math.min(hex.length(), 16) - 2; i >= 0; i -= 2) v = v << 8 | Integer.parseInt(hex.substring(i, i + 2), 16);
        return v;
    }

    /** One register as the 'p' reply wants it: little-endian hex, or 'x's when the bench has no value. */
    static String value(CpuView cpu, int number) {
        Entry r = REGISTERS.get(number);
        if (r.value() == null) return "xx".repeat(r.bytes());
        long v = r.value().applyAsLong(cpu);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.bytes(); i++) s.append(String.format("%02x", i < 8 ? (v >>> (8 * i)) & 0xFF : 0));
        return s.toString();
    }
}
