package micros.asm;

/**
 * A named section and what it holds. The kind decides the ELF segment flags:
 * code is R+X, read-only data R, data R+W, bss R+W with no file bytes.
 */
public record Section(String name, Kind kind) {
    public enum Kind { CODE, RODATA, DATA, BSS }

    public static final Section TEXT = new Section(".text", Kind.CODE);
    public static final Section RODATA = new Section(".rodata", Kind.RODATA);
    public static final Section DATA = new Section(".data", Kind.DATA);
    public static final Section BSS = new Section(".bss", Kind.BSS);

    public static Section named(String name, Kind kind) { return new Section(name, kind); }
}
