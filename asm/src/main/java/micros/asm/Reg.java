package micros.asm;

/** A register operand. */
public sealed interface Reg extends Operand permits Gpr, SegReg, CtlReg {
    /** The 4-bit register number used in ModRM/REX fields. */
    int number();
}
