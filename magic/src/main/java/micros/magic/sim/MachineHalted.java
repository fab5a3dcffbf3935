package micros.magic.sim;

/** What {@link micros.magic.Kernel#halt} ends in on the JVM: compiled code stops in a cli/hlt loop instead. */
public final class MachineHalted extends RuntimeException {
    public MachineHalted() {
        super("machine halted");
    }
}
