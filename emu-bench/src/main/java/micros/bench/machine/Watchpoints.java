package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Data watchpoints on virtual addresses, as a CPU's debug registers watch linear addresses. Unicorn's memory
 * hooks see physical addresses, so while any watchpoint exists one hook sees every access and matches it
 * against the frames the watched pages map to, found by the bench's page walk before every instruction (so a
 * remap counts at once) and not inside the memory hook, where reading EFER or translating through Unicorn's
 * MMU crashes 2.1.4. An access to the same frame through another virtual alias matches too, which a debug
 * register would not see.
 * <p>
 * A memory hook fires in the middle of an instruction, where a stop does not work out: Unicorn leaves
 * RIP on the instruction that hit, so continuing repeats it. So the memory hook only notes the hit, and
 * while any watchpoint exists a hook on every instruction notes which instruction is running and stops
 * before the next one, the way a breakpoint stops.
 */
final class Watchpoints {
    /** A watched range and, for each 4 KiB page it touches, the frame it maps to (-1: not mapped). */
    private record Watch(long begin, long end, boolean read, boolean write, long[] frames) {
        long page(int i) { return (begin & ~0xFFFL) + 4096L * i; }
    }

    private final Unicorn uc;
    private final Machine machine;
    private final GuestMemory memory;
    private final Consumer<StopReason> stop;
    private final Map<Long, Watch> watches = new LinkedHashMap<>();
    private long nextHandle = 1, everyInstruction = -1, everyAccess = -1;
    private long current;
    private StopReason.Watchpoint hit;

    Watchpoints(Unicorn uc, Machine machine, GuestMemory memory, Consumer<StopReason> stop) {
        this.uc = uc;
        this.machine = machine;
        this.memory = memory;
        this.stop = stop;
    }

    long add(long begin, long length, boolean read, boolean write) {
        if (length < 1) throw new IllegalArgumentException("length " + length + " is not positive");
        if (!read && !write) throw new IllegalArgumentException("a watchpoint watches reads, writes or both");
        if (watches.isEmpty()) {
            everyInstruction = uc.hookCode((address, size) -> {
                if (hit != null) stop.accept(hit);
                hit = null;
                current = address;
                translate();
            }, 1, 0);
            everyAccess = uc.hookMemory(X86.HOOK_MEM_READ | X86.HOOK_MEM_WRITE, this::onAccess, 1, 0);
        }
        long handle = nextHandle++;
        long pages = (((begin + length - 1) & ~0xFFFL) - (begin & ~0xFFFL) >>> 12) + 1;
        Watch w = new Watch(begin, begin + length, read, write, new long[(int) pages]);
        translate(w);
        watches.put(handle, w);
        return handle;
    }

    void clear(long handle) {
        if (watches.remove(handle) == null) throw new IllegalArgumentException("no watchpoint with handle " + handle);
        if (watches.isEmpty()) {
            uc.removeHook(everyInstruction);
            uc.removeHook(everyAccess);
            everyAccess = everyInstruction = -1;
        }
    }

    /** Finds the frames again: the guest may have changed its tables. */
    private void translate() {
        for (Watch w : watches.values()) translate(w);
    }

    private void translate(Watch w) {
        for (int i = 0; i < w.frames().length; i++) w.frames()[i] = memory.physicalOf(w.page(i));
    }

    /** An access of {@code size} bytes at {@code physical}: a hit when it overlaps a watched range where that maps now. */
    private void onAccess(int kind, long physical, int size, long value) {
        try {
            if (hit != null) return;
            boolean isWrite = kind == X86.MEM_WRITE;
            for (Watch w : watches.values()) {
                if (isWrite ? !w.write() : !w.read()) continue;
                long virtual = virtualOf(w, physical, size);
                if (virtual == -1) continue;
                long mask = size >= 8 ? -1L : (1L << 8 * size) - 1;
                long seen = isWrite ? value & mask : littleEndian(uc.read(physical, size));
                hit = new StopReason.Watchpoint(isWrite ? "write" : "read", virtual, size, seen, current, machine.describe(current));
                return;
            }
        } catch (RuntimeException e) {
            stop.accept(new StopReason.EmulatorError("watchpoint hook: " + e));
        }
    }

    /** The virtual address of an access when [physical, physical + size) overlaps the frames {@code w} maps to, else -1. */
    private static long virtualOf(Watch w, long physical, int size) {
        for (int i = 0; i < w.frames().length; i++) {
            long page = w.page(i), frame = w.frames()[i];
            if (frame == -1) continue;
            long from = Math.max(w.begin(), page), to = Math.min(w.end(), page + 4096); // the watched part of this page
            long pFrom = frame + (from - page), pTo = frame + (to - page);
            if (Long.compareUnsigned(physical, pTo) < 0 && Long.compareUnsigned(physical + size, pFrom) > 0) return page + (physical - frame);
        }
        return -1;
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = Math.min(b.length, 8) - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
