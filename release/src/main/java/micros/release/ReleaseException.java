package micros.release;

/** A release step that cannot proceed; the message names the file or tool and what is wrong. */
public final class ReleaseException extends RuntimeException {
    public ReleaseException(String message) { super(message); }
}
