package micros.asm;

/** Short factories for operands: {@code import static micros.asm.Operands.*}. */
public final class Operands {
    private Operands() {}

    public static Imm imm(long value) { return new Imm(value, null); }
    public static Imm addr(String symbol) { return new Imm(0, symbol); }
    public static Imm addr(String symbol, long addend) { return new Imm(addend, symbol); }

    public static Mem mem(Gpr base) { return new Mem(0, base, null, 1, 0, null, false); }
    public static Mem mem(Gpr base, long disp) { return new Mem(0, base, null, 1, disp, null, false); }
    public static Mem mem(Gpr base, Gpr index, int scale, long disp) { return new Mem(0, base, index, scale, disp, null, false); }
    public static Mem mem(String symbol) { return new Mem(0, null, null, 1, 0, symbol, false); }
    public static Mem mem(String symbol, long disp) { return new Mem(0, null, null, 1, disp, symbol, false); }

    /** {@code [symbol + index*scale + disp]}: a table indexed by a register (absolute address). */
    public static Mem mem(String symbol, Gpr index, int scale, long disp) { return new Mem(0, null, index, scale, disp, symbol, false); }

    public static Mem qword(Gpr base) { return mem(base).withBits(64); }
    public static Mem qword(Gpr base, long disp) { return mem(base, disp).withBits(64); }
    public static Mem qword(Gpr base, Gpr index, int scale, long disp) { return mem(base, index, scale, disp).withBits(64); }
    public static Mem qword(String symbol) { return mem(symbol).withBits(64); }
    public static Mem qword(String symbol, long disp) { return mem(symbol, disp).withBits(64); }

    public static Mem dword(Gpr base) { return mem(base).withBits(32); }
    public static Mem dword(Gpr base, long disp) { return mem(base, disp).withBits(32); }
    public static Mem dword(Gpr base, Gpr index, int scale, long disp) { return mem(base, index, scale, disp).withBits(32); }
    public static Mem dword(String symbol) { return mem(symbol).withBits(32); }
    public static Mem dword(String symbol, long disp) { return mem(symbol, disp).withBits(32); }

    public static Mem word(Gpr base) { return mem(base).withBits(16); }
    public static Mem word(Gpr base, long disp) { return mem(base, disp).withBits(16); }
    public static Mem word(Gpr base, Gpr index, int scale, long disp) { return mem(base, index, scale, disp).withBits(16); }
    public static Mem word(String symbol) { return mem(symbol).withBits(16); }
    public static Mem word(String symbol, long disp) { return mem(symbol, disp).withBits(16); }

    public static Mem byte_(Gpr base) { return mem(base).withBits(8); }
    public static Mem byte_(Gpr base, long disp) { return mem(base, disp).withBits(8); }
    public static Mem byte_(Gpr base, Gpr index, int scale, long disp) { return mem(base, index, scale, disp).withBits(8); }
    public static Mem byte_(String symbol) { return mem(symbol).withBits(8); }
    public static Mem byte_(String symbol, long disp) { return mem(symbol, disp).withBits(8); }

    /** An explicitly RIP-relative reference to a symbol (64-bit code only). */
    public static Mem rip(String symbol) { return new Mem(0, null, null, 1, 0, symbol, true); }
    public static Mem rip(String symbol, int bits) { return new Mem(bits, null, null, 1, 0, symbol, true); }

    /** An absolute address. */
    public static Mem at(long address, int bits) { return new Mem(bits, null, null, 1, address, null, false); }
}
