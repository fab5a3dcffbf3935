package micros.asm;

/** A field at {@code offset} in a section that the linker fills with {@code symbol + addend}. */
public record Reloc(long offset, RelocKind kind, String symbol, long addend) {
    Reloc shift(long by) { return new Reloc(offset + by, kind, symbol, addend); }
}
