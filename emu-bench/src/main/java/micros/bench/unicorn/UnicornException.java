package micros.bench.unicorn;

/** A Unicorn call that failed: names the call and Unicorn's error. */
public final class UnicornException extends RuntimeException {
    private final int code;

    public UnicornException(String call, int code, String message) {
        super(call + " failed: " + message + " (UC_ERR " + code + ")");
        this.code = code;
    }

    public int code() { return code; }
}
