package micros.asm;

/** An immediate: a constant, or a symbol's address plus {@code value} when {@code symbol} is set. */
public record Imm(long value, String symbol) implements Operand {
    public boolean isConstant() { return symbol == null; }

    @Override public String toString() {
        if (symbol == null) return Mem.hex(value);
        return value == 0 ? symbol : symbol + (value < 0 ? " - " + Mem.hex(-value) : " + " + Mem.hex(value));
    }
}
