package micros.asm;

/** Control registers reachable with {@code mov CRn}. */
public enum CtlReg implements Reg {
    CR0(0), CR2(2), CR3(3), CR4(4), CR8(8);

    private final int number;

    CtlReg(int number) { this.number = number; }

    @Override public int number() { return number; }

    @Override public String toString() { return name().toLowerCase(); }
}
