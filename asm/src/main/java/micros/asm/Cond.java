package micros.asm;

/** Condition codes, in encoding order (the low nibble of Jcc/SETcc/CMOVcc opcodes). */
public enum Cond {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    public static final Cond C = B, NC = AE, Z = E, NZ = NE, NA = BE, NBE = A, NGE = L, NL = GE, NG = LE, NLE = G;

    public int code() { return ordinal(); }

    /** The condition that holds exactly when this one does not. */
    public Cond negate() { return values()[ordinal() ^ 1]; }

    @Override public String toString() { return name().toLowerCase(); }
}
