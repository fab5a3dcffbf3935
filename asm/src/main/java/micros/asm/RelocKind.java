package micros.asm;

/** How the linker patches a symbol's address into section bytes. */
public enum RelocKind {
    /** 32-bit absolute address that must fit zero-extended (32-bit code, data). */
    ABS32(4),
    /** 32-bit absolute address sign-extended to 64 bits (64-bit immediates and displacements). */
    ABS32S(4),
    /** 64-bit absolute address. */
    ABS64(8),
    /** 32-bit PC-relative: target - (address of the field) + addend. */
    PC32(4);

    private final int size;

    RelocKind(int size) { this.size = size; }

    public int size() { return size; }
}
