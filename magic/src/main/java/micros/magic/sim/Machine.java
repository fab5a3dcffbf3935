package micros.magic.sim;

/**
 * Which simulated machine the intrinsics act on: one per thread, so that tests running in parallel
 * threads each have their own. Install with try-with-resources:
 * <pre>
 *   try (var installed = Machine.install(new SimulatedCpu())) { ... kernel code ... }
 * </pre>
 * Installations nest: closing one puts back the machine that was there before.
 */
public final class Machine {
    private static final ThreadLocal<SimulatedMachine> CURRENT = new ThreadLocal<>();

    private Machine() {}

    /** An installation; closing it restores the machine installed before it (or none). */
    public interface Installation extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes {@code machine} the current thread's machine until the returned installation is closed. */
    public static Installation install(SimulatedMachine machine) {
        if (machine == null) throw new IllegalArgumentException("Machine.install: machine is null");
        var previous = CURRENT.get();
        CURRENT.set(machine);
        return () -> {
            if (CURRENT.get() != machine)
                throw new IllegalStateException("Machine installations closed out of order");
            if (previous == null) CURRENT.remove(); else CURRENT.set(previous);
        };
    }

    /** The current thread's machine. */
    public static SimulatedMachine current() {
        var machine = CURRENT.get();
        if (machine == null)
            throw new IllegalStateException("no simulated machine installed on this thread: use Machine.install");
        return machine;
    }
}
