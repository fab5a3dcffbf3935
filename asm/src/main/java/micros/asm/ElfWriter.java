package micros.asm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ELF64 x86-64 executable: header, one PT_LOAD per segment, the segments' bytes (each at a file
 * offset congruent to its address modulo the page size), then .symtab/.strtab/.shstrtab and section
 * headers so that readelf, gdb and the bench see names.
 */
final class ElfWriter {
    private static final int EHDR = 64, PHDR = 56, SHDR = 64, SYM = 24, PAGE = 0x1000;

    private ElfWriter() {}

    static byte[] write(ElfImage img) {
        List<ElfSegment> segs = img.segments();
        long headers = EHDR + (long) PHDR * segs.size();
        long[] offset = new long[segs.size()];
        long pos = headers;
        for (int i = 0; i < segs.size(); i++) {
            ElfSegment s = segs.get(i);
            long want = Math.floorMod(s.vaddr(), PAGE);
            pos = pos - Math.floorMod(pos, PAGE) + want + (Math.floorMod(pos, PAGE) > want ? PAGE : 0);
            offset[i] = pos;
            pos += s.bytes().length;
        }
        Strings shstr = new Strings();
        Strings str = new Strings();
        // Symbols: null, then locals, then globals (ELF wants locals first).
        List<ElfSymbol> ordered = new ArrayList<>();
        img.symbols().stream().filter(s -> !s.global()).forEach(ordered::add);
        int firstGlobal = ordered.size() + 1;
        img.symbols().stream().filter(ElfSymbol::global).forEach(ordered::add);
        ByteBuffer symtab = le(SYM * (ordered.size() + 1));
        symtab.position(SYM);
        for (ElfSymbol s : ordered) {
            int section = 0;
            for (int i = 0; i < segs.size(); i++) if (segs.get(i).contains(s.address()) || segs.get(i).vaddr() == s.address()) section = i + 1;
            symtab.putInt(str.add(s.name()));
            symtab.put((byte) ((s.global() ? 1 : 0) << 4 | (s.code() ? 2 : 1)));
            symtab.put((byte) 0);
            symtab.putShort((short) (section == 0 ? 0xFFF1 : section));
            symtab.putLong(s.address());
            symtab.putLong(s.size());
        }
        long symtabOff = align(pos, 8);
        long strtabOff = symtabOff + symtab.capacity();
        byte[] strBytes = str.bytes();
        int[] segName = new int[segs.size()];
        for (int i = 0; i < segs.size(); i++) segName[i] = shstr.add(segs.get(i).name());
        int symtabName = shstr.add(".symtab"), strtabName = shstr.add(".strtab"), shstrName = shstr.add(".shstrtab");
        byte[] shstrBytes = shstr.bytes();
        long shstrOff = strtabOff + strBytes.length;
        long shOff = align(shstrOff + shstrBytes.length, 8);
        int shnum = segs.size() + 4;
        ByteBuffer out = le((int) (shOff + (long) SHDR * shnum));

        out.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) 2).putShort((short) 62).putInt(1).putLong(img.entry()).putLong(EHDR).putLong(shOff)
           .putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) segs.size())
           .putShort((short) SHDR).putShort((short) shnum).putShort((short) (shnum - 1));
        for (int i = 0; i < segs.size(); i++) {
            ElfSegment s = segs.get(i);
            out.putInt(1).putInt(s.flags()).putLong(offset[i]).putLong(s.vaddr()).putLong(s.paddr())
               .putLong(s.bytes().length).putLong(s.memSize()).putLong(PAGE);
        }
        for (int i = 0; i < segs.size(); i++) out.put((int) offset[i], segs.get(i).bytes());
        out.put((int) symtabOff, symtab.array());
        out.put((int) strtabOff, strBytes);
        out.put((int) shstrOff, shstrBytes);

        out.position((int) shOff + SHDR);
        for (int i = 0; i < segs.size(); i++) {
            ElfSegment s = segs.get(i);
            boolean bss = s.bytes().length == 0 && s.memSize() > 0;
            long flags = 2 | ((s.flags() & ElfSegment.W) != 0 ? 1 : 0) | ((s.flags() & ElfSegment.X) != 0 ? 4 : 0);
            sectionHeader(out, segName[i], bss ? 8 : 1, flags, s.vaddr(), offset[i], s.memSize(), 0, 0, 16, 0);
        }
        sectionHeader(out, symtabName, 2, 0, 0, symtabOff, symtab.capacity(), segs.size() + 2, firstGlobal, 8, SYM);
        sectionHeader(out, strtabName, 3, 0, 0, strtabOff, strBytes.length, 0, 0, 1, 0);
        sectionHeader(out, shstrName, 3, 0, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0);
        return out.array();
    }

    private static void sectionHeader(ByteBuffer b, int name, int type, long flags, long addr, long offset, long size,
                                      int link, int info, long align, long entsize) {
        b.putInt(name).putInt(type).putLong(flags).putLong(addr).putLong(offset).putLong(size)
         .putInt(link).putInt(info).putLong(align).putLong(entsize);
    }

    private static ByteBuffer le(int size) { return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); }

    private static long align(long v, long a) { return (v + a - 1) / a * a; }

    /** A string table: NUL-separated names, offset 0 is the empty name. */
    private static final class Strings {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Strings() { bytes.write(0); }

        int add(String s) {
            int at = bytes.size();
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            return at;
        }

        byte[] bytes() { return bytes.toByteArray(); }
    }
}
