package micros.asm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ELF64 little-endian x86-64 executable: entry, program headers and the symbol table.
 * Malformed input is rejected with an {@link ElfFormatException} naming the file and what is wrong.
 */
public record ElfFile(String name, byte[] data, long entry, List<ProgramHeader> programHeaders, List<ElfSymbol> symbols) {

    /** A program header; {@code type} 1 is PT_LOAD. */
    public record ProgramHeader(int type, int flags, long offset, long vaddr, long paddr, long fileSize, long memSize) {
        public boolean isLoad() { return type == 1; }
    }

    public static ElfFile read(String name, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 64 || b.getInt(0) != 0x464C457F) throw new ElfFormatException(name + ": not an ELF file (bad magic)");
        if (data[4] != 2) throw new ElfFormatException(name + ": not a 64-bit ELF file (class " + data[4] + ")");
        if (data[5] != 1) throw new ElfFormatException(name + ": not a little-endian ELF file");
        if (b.getShort(18) != 62) throw new ElfFormatException(name + ": not an x86-64 ELF file (machine " + b.getShort(18) + ")");
        long entry = b.getLong(24);
        long phoff = b.getLong(32), shoff = b.getLong(40);
        int phentsize = b.getShort(54) & 0xFFFF, phnum = b.getShort(56) & 0xFFFF;
        int shentsize = b.getShort(58) & 0xFFFF, shnum = b.getShort(60) & 0xFFFF;
        if (phnum > 0 && (phentsize < 56 || phoff < 0 || phoff + (long) phentsize * phnum > data.length))
            throw new ElfFormatException(name + ": program headers lie outside the file");
        List<ProgramHeader> phs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            ProgramHeader ph = new ProgramHeader(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 24), b.getLong(at + 32), b.getLong(at + 40));
            if (ph.isLoad() && (ph.offset() < 0 || ph.fileSize() < 0 || ph.offset() + ph.fileSize() > data.length))
                throw new ElfFormatException(name + ": segment " + i + " lies outside the file");
            if (ph.isLoad() && ph.memSize() < ph.fileSize())
                throw new ElfFormatException(name + ": segment " + i + " has memory size below its file size");
            phs.add(ph);
        }
        List<ElfSymbol> symbols = new ArrayList<>();
        if (shnum > 0 && shoff > 0 && shentsize >= 64 && shoff + (long) shentsize * shnum <= data.length) {
            for (int i = 0; i < shnum; i++) {
                int sh = (int) (shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != 2) continue; // SHT_SYMTAB
                long off = b.getLong(sh + 24), size = b.getLong(sh + 32), entsize = b.getLong(sh + 56);
                int link = b.getInt(sh + 40);
                if (link >= shnum || entsize < 24 || off + size > data.length) throw new ElfFormatException(name + ": corrupt symbol table");
                int strSh = (int) (shoff + (long) link * shentsize);
                long strOff = b.getLong(strSh + 24), strSize = b.getLong(strSh + 32);
                if (strOff + strSize > data.length) throw new ElfFormatException(name + ": corrupt string table");
                for (long s = off + entsize; s + 24 <= off + size; s += entsize) {
                    int info = data[(int) s + 4];
                    int type = info & 0xF;
                    if (type != 1 && type != 2 && type != 0) continue;
                    String n = cString(data, strOff + b.getInt((int) s), strOff + strSize);
                    if (n.isEmpty()) continue;
                    symbols.add(new ElfSymbol(n, b.getLong((int) s + 8), b.getLong((int) s + 16), type == 2, (info >> 4) == 1));
                }
            }
        }
        return new ElfFile(name, data, entry, List.copyOf(phs), List.copyOf(symbols));
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
