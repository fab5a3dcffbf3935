package micros.magic;

/** What {@link Kernel#panic} throws on the JVM: compiled kernel code halts instead. */
public final class KernelPanic extends RuntimeException {
    public KernelPanic(String message) {
        super(message);
    }
}
