package micros.asm;

/** An instruction operand: a register, a memory reference or an immediate. */
public sealed interface Operand permits Reg, Mem, Imm {}
