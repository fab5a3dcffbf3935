package micros.asm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a little-endian x86 executable, ELF64 (x86-64) or ELF32 (i386): entry, program headers and the symbol
 * table, in 64-bit fields either way. Malformed input is rejected with an {@link ElfFormatException} naming the
 * file and what is wrong.
 */
public record ElfFile(String name, byte[] data, ElfClass elfClass, long entry, List<ProgramHeader> programHeaders, List<ElfSymbol> symbols) {

    /** A program header; {@code type} 1 is PT_LOAD. */
    public record ProgramHeader(int type, int flags, long offset, long vaddr, long paddr, long fileSize, long memSize) {
        public boolean isLoad() { return type == 1; }
    }

    public static ElfFile read(String name, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 52 || b.getInt(0) != 0x464C457F) throw new ElfFormatException(name + ": not an ELF file (bad magic)");
        ElfClass c = ElfClass.of(data[4]);
        if (c == null) throw new ElfFormatException(name + ": not a 32- or 64-bit ELF file (class " + data[4] + ")");
        if (data.length < c.headerSize) throw new ElfFormatException(name + ": ELF header cut short (" + data.length + " bytes)");
        if (data[5] != 1) throw new ElfFormatException(name + ": not a little-endian ELF file");
        short machine = b.getShort(18);
        if (machine != c.machine)
            throw new ElfFormatException(name + ": not an " + c.machineName + " ELF file (machine " + machine + " in an " + c + " file)");
        Fields f = new Fields(b, c);
        long entry = f.word(24);
        long phoff = f.word(c.at(28, 32)), shoff = f.word(c.at(32, 40));
        int halves = c.at(42, 54);
        int phentsize = b.getShort(halves) & 0xFFFF, phnum = b.getShort(halves + 2) & 0xFFFF;
        int shentsize = b.getShort(halves + 4) & 0xFFFF, shnum = b.getShort(halves + 6) & 0xFFFF;
        if (phnum > 0 && (phentsize < c.programHeaderSize || phoff < 0 || phoff + (long) phentsize * phnum > data.length))
            throw new ElfFormatException(name + ": program headers lie outside the file");
        List<ProgramHeader> phs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            ProgramHeader ph = c == ElfClass.ELF64
                    ? new ProgramHeader(b.getInt(at), b.getInt(at + 4), f.word(at + 8), f.word(at + 16), f.word(at + 24), f.word(at + 32), f.word(at + 40))
                    : new ProgramHeader(b.getInt(at), b.getInt(at + 24), f.word(at + 4), f.word(at + 8), f.word(at + 12), f.word(at + 16), f.word(at + 20));
            if (ph.isLoad() && (ph.offset() < 0 || ph.fileSize() < 0 || ph.offset() + ph.fileSize() > data.length))
                throw new ElfFormatException(name + ": segment " + i + " lies outside the file");
            if (ph.isLoad() && ph.memSize() < ph.fileSize())
                throw new ElfFormatException(name + ": segment " + i + " has memory size below its file size");
            phs.add(ph);
        }
        List<ElfSymbol> symbols = new ArrayList<>();
        if (shnum > 0 && shoff > 0 && shentsize >= c.sectionHeaderSize && shoff + (long) shentsize * shnum <= data.length) {
            for (int i = 0; i < shnum; i++) {
                int sh = (int) (shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != 2) continue; // SHT_SYMTAB
                long off = f.word(sh + c.at(16, 24)), size = f.word(sh + c.at(20, 32)), entsize = f.word(sh + c.at(36, 56));
                int link = b.getInt(sh + c.at(24, 40));
                if (link >= shnum || entsize < c.symbolSize || off < 0 || size < 0 || off + size > data.length)
                    throw new ElfFormatException(name + ": corrupt symbol table");
                int strSh = (int) (shoff + (long) link * shentsize);
                long strOff = f.word(strSh + c.at(16, 24)), strSize = f.word(strSh + c.at(20, 32));
                if (strOff < 0 || strSize < 0 || strOff + strSize > data.length) throw new ElfFormatException(name + ": corrupt string table");
                for (long s = off + entsize; s + c.symbolSize <= off + size; s += entsize) {
                    int info = data[(int) s + c.at(12, 4)];
                    int type = info & 0xF;
                    if (type != 1 && type != 2 && type != 0) continue;
                    long nameAt = strOff + (b.getInt((int) s) & 0xFFFF_FFFFL);
                    if (nameAt >= strOff + strSize) throw new ElfFormatException(name + ": corrupt symbol table");
                    String n = cString(data, nameAt, strOff + strSize);
                    if (n.isEmpty()) continue;
                    symbols.add(new ElfSymbol(n, f.word((int) s + c.at(4, 8)), f.word((int) s + c.at(8, 16)), type == 2, (info >> 4) == 1));
                }
            }
        }
        return new ElfFile(name, data, c, entry, List.copyOf(phs), List.copyOf(symbols));
    }

    /** Address-sized fields: 4 bytes (zero-extended) in ELF32, 8 in ELF64. */
    private record Fields(ByteBuffer b, ElfClass c) {
        long word(int at) { return c == ElfClass.ELF64 ? b.getLong(at) : b.getInt(at) & 0xFFFF_FFFFL; }
    }

    private static String cString(byte[] data, long from, long limit) {
        int end = (int) from;
        while (end < limit && data[end] != 0) end++;
        return new String(data, (int) from, end - (int) from, StandardCharsets.UTF_8);
    }

    /** The bytes a PT_LOAD segment has in the file. */
    public byte[] contents(ProgramHeader ph) {
        byte[] out = new byte[(int) ph.fileSize()];
        System.arraycopy(data, (int) ph.offset(), out, 0, out.length);
        return out;
    }
}
