package micros.bench.machine;

/** A kernel or machine configuration the bench cannot boot; the message names the file and the problem. */
public final class BootException extends RuntimeException {
    public BootException(String message) { super(message); }
}
