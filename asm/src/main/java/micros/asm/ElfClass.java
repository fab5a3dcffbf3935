package micros.asm;

/** ELF's two file classes as this project uses them: ELF32 for i386 (EM_386), ELF64 for x86-64 (EM_X86_64). */
public enum ElfClass {
    ELF32(1, 3, "i386", 52, 32, 40, 16),
    ELF64(2, 62, "x86-64", 64, 56, 64, 24);

    /** e_ident[EI_CLASS], e_machine. */
    final int ident;
    final short machine;
    final String machineName;
    /** Sizes of the ELF header, a program header, a section header and a symbol. */
    final int headerSize, programHeaderSize, sectionHeaderSize, symbolSize;

    ElfClass(int ident, int machine, String machineName, int headerSize, int programHeaderSize, int sectionHeaderSize, int symbolSize) {
        this.ident = ident;
        this.machine = (short) machine;
        this.machineName = machineName;
        this.headerSize = headerSize;
        this.programHeaderSize = programHeaderSize;
        this.sectionHeaderSize = sectionHeaderSize;
        this.symbolSize = symbolSize;
    }

    static ElfClass of(byte ident) {
        for (ElfClass c : values()) if (c.ident == ident) return c;
        return null;
    }

    /** The offset of a field that sits at {@code elf32} in ELF32 structures and {@code elf64} in ELF64 ones. */
    int at(int elf32, int elf64) { return this == ELF64 ? elf64 : elf32; }
}
