package micros.asm;

/** General-purpose registers of every width. */
public enum Gpr implements Reg {
    RAX(64, 0), RCX(64, 1), RDX(64, 2), RBX(64, 3), RSP(64, 4), RBP(64, 5), RSI(64, 6), RDI(64, 7),
    R8(64, 8), R9(64, 9), R10(64, 10), R11(64, 11), R12(64, 12), R13(64, 13), R14(64, 14), R15(64, 15),
    EAX(32, 0), ECX(32, 1), EDX(32, 2), EBX(32, 3), ESP(32, 4), EBP(32, 5), ESI(32, 6), EDI(32, 7),
    R8D(32, 8), R9D(32, 9), R10D(32, 10), R11D(32, 11), R12D(32, 12), R13D(32, 13), R14D(32, 14), R15D(32, 15),
    AX(16, 0), CX(16, 1), DX(16, 2), BX(16, 3), SP(16, 4), BP(16, 5), SI(16, 6), DI(16, 7),
    R8W(16, 8), R9W(16, 9), R10W(16, 10), R11W(16, 11), R12W(16, 12), R13W(16, 13), R14W(16, 14), R15W(16, 15),
    AL(8, 0), CL(8, 1), DL(8, 2), BL(8, 3), SPL(8, 4), BPL(8, 5), SIL(8, 6), DIL(8, 7),
    R8B(8, 8), R9B(8, 9), R10B(8, 10), R11B(8, 11), R12B(8, 12), R13B(8, 13), R14B(8, 14), R15B(8, 15),
    AH(8, 4), CH(8, 5), DH(8, 6), BH(8, 7);

    private final int bits;
    private final int number;

    Gpr(int bits, int number) {
        this.bits = bits;
        this.number = number;
    }

    public int bits() { return bits; }

    @Override public int number() { return number; }

    /** AH, CH, DH, BH: encodable only without a REX prefix. */
    public boolean isHighByte() { return ordinal() >= AH.ordinal(); }

    /** Registers that exist only with a REX prefix (R8+ and the low bytes of RSP/RBP/RSI/RDI). */
    public boolean needsRex() { return number >= 8 || (bits == 8 && number >= 4 && !isHighByte()); }

    /** The same register at another width (never a high-byte register). */
    public Gpr withBits(int width) {
        for (Gpr g : values()) if (g.bits == width && g.number == number && !g.isHighByte()) return g;
        throw new IllegalArgumentException(this + " has no " + width + "-bit form");
    }

    @Override public String toString() { return name().toLowerCase(); }
}
