package micros.asm;

/** A symbol of an ELF image: name, address, size, whether it names code, whether it is global. */
public record ElfSymbol(String name, long address, long size, boolean code, boolean global) {}
