package micros.bench.unicorn;

import micros.bench.machine.cpu.CpuAccessException;

/** A Unicorn call that failed: names the call and Unicorn's error. Front ends see it as the CPU view's {@link CpuAccessException}. */
public final class UnicornException extends CpuAccessException {
    private final int code;

    public UnicornException(String call, int code, String message) {
        super(call + " failed: " + message + " (UC_ERR " + code + ")");
        this.code = code;
    }

    public int code() { return code; }
}
