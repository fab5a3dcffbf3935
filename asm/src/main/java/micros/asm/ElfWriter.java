package micros.asm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ELF64 x86-64 or ELF32 i386 executable: header, one PT_LOAD per segment, the segments' bytes (each at a file
 * offset congruent to its address modulo the page size), then .symtab/.strtab/.shstrtab and section
 * headers so that readelf, gdb and the bench see names.
 */
final class ElfWriter {
    private static final int PAGE = 0x1000;

    private ElfWriter() {}

    static byte[] write(ElfImage img, ElfClass c) {
        final int EHDR = c.headerSize, PHDR = c.programHeaderSize, SHDR = c.sectionHeaderSize, SYM = c.symbolSize;
        boolean wide = c == ElfClass.ELF64;
        if (!wide) checkFitsIn32Bits(img);
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
            byte info = (byte) ((s.global() ? 1 : 0) << 4 | (s.code() ? 2 : 1));
            short shndx = (short) (section == 0 ? 0xFFF1 : section);
            symtab.putInt(str.add(s.name()));
            if (wide) symtab.put(info).put((byte) 0).putShort(shndx).putLong(s.address()).putLong(s.size());
            else symtab.putInt((int) s.address()).putInt((int) s.size()).put(info).put((byte) 0).putShort(shndx);
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

        out.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) c.ident, 1, 1, 0});
        out.position(16);
        out.putShort((short) 2).putShort(c.machine).putInt(1);
        word(out, wide, img.entry());
        word(out, wide, EHDR);
        word(out, wide, shOff);
        out.putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) segs.size())
           .putShort((short) SHDR).putShort((short) shnum).putShort((short) (shnum - 1));
        for (int i = 0; i < segs.size(); i++) {
            ElfSegment s = segs.get(i);
            out.putInt(1);
            if (wide) out.putInt(s.flags());
            for (long v : new long[] {offset[i], s.vaddr(), s.paddr(), s.bytes().length, s.memSize()}) word(out, wide, v);
            if (!wide) out.putInt(s.flags());
            word(out, wide, PAGE);
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
            sectionHeader(out, wide, segName[i], bss ? 8 : 1, flags, s.vaddr(), offset[i], s.memSize(), 0, 0, 16, 0);
        }
        sectionHeader(out, wide, symtabName, 2, 0, 0, symtabOff, symtab.capacity(), segs.size() + 2, firstGlobal, 8, SYM);
        sectionHeader(out, wide, strtabName, 3, 0, 0, strtabOff, strBytes.length, 0, 0, 1, 0);
        sectionHeader(out, wide, shstrName, 3, 0, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0);
        return out.array();
    }

    private static void sectionHeader(ByteBuffer b, boolean wide, int name, int type, long flags, long addr, long offset, long size,
                                      int link, int info, long align, long entsize) {
        b.putInt(name).putInt(type);
        for (long v : new long[] {flags, addr, offset, size}) word(b, wide, v);
        b.putInt(link).putInt(info);
        word(b, wide, align);
        word(b, wide, entsize);
    }

    /** An address-sized field: 8 bytes in ELF64, 4 in ELF32. */
    private static void word(ByteBuffer b, boolean wide, long v) {
        if (wide) b.putLong(v);
        else b.putInt((int) v);
    }

    /** ELF32 fields hold 32 bits: an image with an address above 4 GiB cannot be written as one. */
    private static void checkFitsIn32Bits(ElfImage img) {
        for (ElfSegment s : img.segments())
            if (s.vaddr() + s.memSize() > 1L << 32 || s.paddr() + s.memSize() > 1L << 32)
                throw new AsmException("segment " + s.name() + " at 0x" + Long.toHexString(s.vaddr()) + " does not fit in an ELF32 file (addresses above 4 GiB)");
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
