package micros.bench.machine.cpu;

/** A register or memory access the emulated CPU refused (an unmapped address, say); the message names it. */
public class CpuAccessException extends RuntimeException {
    public CpuAccessException(String message) { super(message); }
}
