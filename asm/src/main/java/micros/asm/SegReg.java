package micros.asm;

/** Segment registers, numbered as in the ModRM reg field. */
public enum SegReg implements Reg {
    ES, CS, SS, DS, FS, GS;

    @Override public int number() { return ordinal(); }

    @Override public String toString() { return name().toLowerCase(); }
}
