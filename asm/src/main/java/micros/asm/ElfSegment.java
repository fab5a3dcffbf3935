package micros.asm;

/**
 * A loadable segment: {@code bytes} go at {@code paddr} (physical, where a multiboot2 loader puts it)
 * and appear at {@code vaddr}; the rest of {@code memSize} is zero. Flags as in ELF: R=4, W=2, X=1.
 */
public record ElfSegment(String name, long vaddr, long paddr, byte[] bytes, long memSize, int flags) {
    public static final int X = 1, W = 2, R = 4;

    public boolean contains(long address) { return address >= vaddr && address < vaddr + memSize; }
}
