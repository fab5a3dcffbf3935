package micros.bench.machine;

/** Why a run of the machine ended. */
public sealed interface StopReason {
    /** {@code hlt} with interrupts disabled: nothing can wake the CPU, the kernel stopped on purpose. */
    record Halted(long rip) implements StopReason {
        @Override public String toString() { return "clean halt (hlt with interrupts off)"; }
    }

    /**
     * The CPU waits in an {@link IdleLoop} and nothing could ever interrupt it (IF clear, or no interrupt source
     * armed): the normal end of a whole system whose last process spins or halts.
     */
    record Idle(long rip, IdleLoop loop, String mode, int cpl, boolean interruptsOn) implements StopReason {
        @Override public String toString() {
            return String.format("idle at 0x%x: %s in %s, CPL %d, %s", rip, loop, mode, cpl,
                    interruptsOn ? "no interrupt source armed" : "interrupts off");
        }
    }

    /**
     * The kernel wrote {@code status} to the isa-debug-exit port (see {@link IsaDebugExit}): the whole system
     * said how it ended. QEMU would exit with {@code (status << 1) | 1}.
     */
    record DebugExit(long status, long rip) implements StopReason {
        @Override public String toString() { return "exit status " + status + " written to the isa-debug-exit port"; }
    }

    /** An exception or interrupt the bench could not deliver (outside 64-bit ring 0, so far). */
    record UnhandledException(int vector, long rip, String instruction) implements StopReason {
        @Override public String toString() {
            return "unhandled exception " + vector + " (" + Vectors.name(vector) + ") at " + instruction;
        }
    }

    /** Delivering an exception faulted, and so did delivering the double fault: a real CPU would reset. */
    record TripleFault(String vectors, String why, long rip, String instruction) implements StopReason {
        @Override public String toString() { return "triple fault (vectors " + vectors + "): " + why + ", at " + instruction; }
    }

    record InvalidMemory(String access, long address, long rip) implements StopReason {
        @Override public String toString() { return access + " of unmapped physical memory at 0x" + Long.toHexString(address); }
    }

    record BudgetExhausted(long instructions) implements StopReason {
        @Override public String toString() { return "instruction budget of " + instructions + " exhausted"; }
    }

    /** Execution reached an address the user asked to stop at (before running it). */
    record Breakpoint(String where, long rip) implements StopReason {
        @Override public String toString() { return "reached " + where; }
    }

    /**
     * An instruction read or wrote memory the user watches (see {@link Machine#watch}); the machine stops
     * after it. {@code address} is virtual; {@code value} is what was written, or what is there when read.
     */
    record Watchpoint(String access, long address, int size, long value, long rip, String instruction) implements StopReason {
        @Override public String toString() {
            return String.format("watchpoint: %s of %d byte%s at 0x%x, value 0x%x, by %s", access, size, size == 1 ? "" : "s", address, value, instruction);
        }
    }

    /** The emulator itself failed (Unicorn error or a bench bug in a hook). */
    record EmulatorError(String message) implements StopReason {
        @Override public String toString() { return "emulator error: " + message; }
    }
}
