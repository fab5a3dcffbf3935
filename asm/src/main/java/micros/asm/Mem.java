package micros.asm;

/**
 * A memory operand {@code [base + index*scale + disp]}, optionally relative to a symbol's address.
 * {@code bits} is the access width (0 when the instruction implies it, as for lea or lgdt).
 * {@code ripRelative} asks for RIP-relative addressing; symbol references in 64-bit code use it anyway.
 */
public record Mem(int bits, Gpr base, Gpr index, int scale, long disp, String symbol, boolean ripRelative)
        implements Operand {

    public Mem {
        if (bits != 0 && bits != 8 && bits != 16 && bits != 32 && bits != 64 && bits != 48 && bits != 80)
            throw new AsmException("memory operand width " + bits + " is not 8, 16, 32 or 64 bits");
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8)
            throw new AsmException("scale " + scale + " is not 1, 2, 4 or 8");
    }

    public Mem withBits(int width) { return new Mem(width, base, index, scale, disp, symbol, ripRelative); }

    static String hex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : (v < 10 ? Long.toString(v) : "0x" + Long.toHexString(v));
    }

    private static String sizeName(int bits) {
        return switch (bits) {
            case 8 -> "byte ptr ";
            case 16 -> "word ptr ";
            case 32 -> "dword ptr ";
            case 64 -> "qword ptr ";
            case 48 -> "fword ptr ";
            case 80 -> "tbyte ptr ";
            default -> "";
        };
    }

    @Override public String toString() {
        StringBuilder s = new StringBuilder(sizeName(bits)).append('[');
        String sep = "";
        if (ripRelative) { s.append("rip"); sep = " + "; }
        if (base != null) { s.append(base); sep = " + "; }
        if (index != null) { s.append(sep).append(index).append('*').append(scale); sep = " + "; }
        if (symbol != null) { s.append(sep).append(symbol); sep = " + "; }
        if (disp != 0 || sep.isEmpty()) {
            if (sep.isEmpty()) s.append(hex(disp));
            else s.append(disp < 0 ? " - " + hex(-disp) : sep + hex(disp));
        }
        return s.append(']').toString();
    }
}
