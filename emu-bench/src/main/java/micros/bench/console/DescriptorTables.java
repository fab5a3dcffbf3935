package micros.bench.console;

import micros.bench.machine.Vectors;
import micros.bench.machine.X86Bits;
import micros.bench.machine.cpu.CpuView;
import micros.bench.machine.cpu.DescriptorTable;
import micros.bench.machine.cpu.Msr;
import micros.bench.machine.cpu.TableRegister;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The GDT, IDT and TSS as the CPU sees them through GDTR, IDTR and TR (Intel SDM vol. 3: 3.4.5, 6.11, 6.14.1, 7.2, 7.7). */
final class DescriptorTables {
    private DescriptorTables() {}

    /** The IDT's format follows EFER.LMA, not the code segment: compatibility mode still takes 16-byte gates. */
    private static boolean longMode(CpuView m) { return (m.msr(Msr.EFER) & X86Bits.EFER_LMA) != 0; }

    private static ByteBuffer read(CpuView m, long address, int length) {
        return ByteBuffer.wrap(m.readVirtual(address, length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String gdt(CpuView m) {
        TableRegister gdtr = m.tableRegister(DescriptorTable.GDTR);
        StringBuilder s = new StringBuilder(String.format("gdtr base 0x%x limit 0x%x%n", gdtr.base(), gdtr.limit()));
        ByteBuffer b = read(m, gdtr.base(), (gdtr.limit() + 1) / 8 * 8);
        for (int sel = 0; sel + 8 <= b.capacity(); sel += 8) {
            long d = b.getLong(sel);
            s.append(String.format("0x%02x %016x %s%n", sel, d, Decode.segment(d)));
        }
        return s.toString().stripTrailing();
    }

    /** The present gates; 16 bytes each in long mode, 8 in 32-bit protected mode. */
    static String idt(CpuView m) {
        TableRegister idtr = m.tableRegister(DescriptorTable.IDTR);
        boolean wide = longMode(m);
        int gateSize = wide ? 16 : 8, gates = (idtr.limit() + 1) / gateSize;
        StringBuilder rows = new StringBuilder();
        int present = 0;
        ByteBuffer b = gates == 0 ? ByteBuffer.allocate(0) : read(m, idtr.base(), gates * gateSize);
        for (int v = 0; v < gates; v++) {
            int at = v * gateSize, attributes = b.get(at + 5) & 0xFF;
            if ((attributes & 0x80) == 0) continue;
            present++;
            long offset = (b.getShort(at) & 0xFFFF) | (b.getShort(at + 6) & 0xFFFFL) << 16;
            if (wide) offset |= (b.getInt(at + 8) & 0xFFFF_FFFFL) << 32;
            int selector = b.getShort(at + 2) & 0xFFFF, ist = wide ? b.get(at + 4) & 7 : 0;
            String sym = m.symbols().describe(offset);
            rows.append(String.format("%3d  %-16s %-36s 0x%04x  %d    %s    %s%n", v, gateType(attributes & 15, wide),
                    "0x" + Long.toHexString(offset) + (sym.isEmpty() ? "" : " <" + sym + ">"), selector, attributes >>> 5 & 3,
                    wide ? String.valueOf(ist) : "-", Vectors.name(v)));
        }
        String head = String.format("idtr base 0x%x limit 0x%x: %d of %d %d-byte gates present", idtr.base(), idtr.limit(), present, gates, gateSize);
        if (present == 0) return head;
        return head + String.format("%nvec  %-16s %-36s sel     DPL  IST%n", "type", "handler") + rows.toString().stripTrailing();
    }

    private static String gateType(int type, boolean wide) {
        if (wide) return switch (type) { case 0xE -> "interrupt"; case 0xF -> "trap"; default -> "bad type " + type; };
        return switch (type) { case 0x5 -> "task"; case 0x6 -> "interrupt 16-bit"; case 0x7 -> "trap 16-bit";
            case 0xE -> "interrupt"; case 0xF -> "trap"; default -> "bad type " + type; };
    }

    /** The TSS that TR selects: the 64-bit one in long mode (stack pointers and IST), else the 32-bit one. */
    static String tss(CpuView m) {
        TableRegister tr = m.tableRegister(DescriptorTable.TR);
        if ((tr.selector() & ~3) == 0) return "tr is null: no TSS loaded (ltr not executed yet)";
        StringBuilder s = new StringBuilder(String.format("tr 0x%x base 0x%x limit 0x%x", tr.selector(), tr.base(), tr.limit()));
        boolean wide = longMode(m);
        int size = 104; // both formats; the I/O map base is at 102 in each
        if (tr.limit() + 1 < size) return s.append(": limit below the ").append(size).append("-byte TSS").toString();
        ByteBuffer b = read(m, tr.base(), size);
        if (wide) {
            s.append(" (64-bit TSS)\n");
            for (int i = 0; i < 3; i++) s.append(stack(m, "rsp" + i, b.getLong(4 + 8 * i)));
            int zero = 0;
            for (int i = 1; i <= 7; i++) {
                long ist = b.getLong(36 + 8 * (i - 1));
                if (ist == 0) zero++;
                else s.append(stack(m, "ist" + i, ist));
            }
            if (zero > 0) s.append(zero == 7 ? "ist1-7 all 0\n" : zero + " other IST entries 0\n");
        } else {
            s.append(" (32-bit TSS)\n");
            for (int i = 0; i < 3; i++)
                s.append(stack(m, "esp" + i, b.getInt(4 + 8 * i) & 0xFFFF_FFFFL).stripTrailing()).append(String.format("  ss%d 0x%x%n", i, b.getShort(8 + 8 * i) & 0xFFFF));
            s.append(String.format("cr3 0x%x  eip 0x%x%n", b.getInt(28) & 0xFFFF_FFFFL, b.getInt(32) & 0xFFFF_FFFFL));
        }
        int ioMap = b.getShort(102) & 0xFFFF;
        s.append(String.format("I/O map base 0x%x", ioMap)).append(ioMap > tr.limit() ? " (past the limit: no I/O permission bitmap)" : "");
        return s.toString();
    }

    private static String stack(CpuView m, String name, long value) {
        String sym = value == 0 ? "" : m.symbols().describe(value);
        return String.format("%-5s 0x%x%s%n", name, value, sym.isEmpty() ? "" : " <" + sym + ">");
    }
}
