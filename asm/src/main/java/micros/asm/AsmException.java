package micros.asm;

/** An instruction, operand, symbol or layout the assembler or linker cannot encode correctly. */
public final class AsmException extends RuntimeException {
    public AsmException(String message) { super(message); }
}
