package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.ArrayList;
import java.util.List;

/**
 * Every guest memory write while the log is open: where and how many bytes, in the order the CPU made
 * them. A checker compares them with what a model of the same code wrote. The addresses are those the
 * memory hook sees (physical ones, as Unicorn 2.1 hands them to memory hooks; the same as virtual ones under an identity map).
 */
public final class WriteLog implements AutoCloseable {
    /** One write of {@code size} bytes at {@code address}. */
    public record Write(long address, int size) {}

    private final Unicorn uc;
    private final long hook;
    private final List<Write> writes = new ArrayList<>();

    WriteLog(Unicorn uc) {
        this.uc = uc;
        this.hook = uc.hookMemory(X86.HOOK_MEM_WRITE, (type, address, size, value) -> writes.add(new Write(address, size)), 1, 0);
    }

    /** The writes since the log was opened or last cleared. */
    public List<Write> writes() { return List.copyOf(writes); }

    public void clear() { writes.clear(); }

    @Override public void close() { uc.removeHook(hook); }
}
