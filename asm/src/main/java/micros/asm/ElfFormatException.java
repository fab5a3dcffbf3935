package micros.asm;

/** An ELF file that cannot be read: the message names the file and what is wrong with it. */
public final class ElfFormatException extends RuntimeException {
    public ElfFormatException(String message) { super(message); }
}
