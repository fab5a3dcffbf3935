package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Data watchpoints on Unicorn's memory hooks. Unicorn 2.0.1 hands these hooks the virtual address (it
 * uses the virtual address as the physical one), so a watched range is a range of virtual addresses.
 * <p>
 * A memory hook fires in the middle of an instruction, where a stop does not work out: Unicorn leaves
 * RIP on the instruction that hit, so continuing repeats it. So the memory hook only notes the hit, and
 * while any watchpoint exists a hook on every instruction notes which instruction is running and stops
 * before the next one, the way a breakpoint stops.
 */
final class Watchpoints {
    private final Unicorn uc;
    private final Machine machine;
    private final Consumer<StopReason> stop;
    private final Set<Long> handles = new HashSet<>();
    private long everyInstruction = -1;
    private long current;
    private StopReason.Watchpoint hit;

    Watchpoints(Unicorn uc, Machine machine, Consumer<StopReason> stop) {
        this.uc = uc;
        this.machine = machine;
        this.stop = stop;
    }

    long add(long begin, long length, boolean read, boolean write) {
        if (length < 1) throw new IllegalArgumentException("length " + length + " is not positive");
        if (!read && !write) throw new IllegalArgumentException("a watchpoint watches reads, writes or both");
        long end = begin + length; // exclusive
        int type = (read ? X86.HOOK_MEM_READ : 0) | (write ? X86.HOOK_MEM_WRITE : 0);
        // Unicorn matches only an access's first byte: start 7 bytes early to catch an 8-byte access overlapping the range.
        long hookBegin = Long.compareUnsigned(begin, 7) < 0 ? 0 : begin - 7;
        if (everyInstruction == -1) everyInstruction = uc.hookCode((address, size) -> {
            if (hit != null) stop.accept(hit);
            hit = null;
            current = address;
        }, 1, 0);
        long handle = uc.hookMemory(type, (kind, address, size, value) -> {
            try {
                if (Long.compareUnsigned(address, end) >= 0 || Long.compareUnsigned(address + size, begin) <= 0) return;
                boolean isWrite = kind == X86.MEM_WRITE;
                long mask = size >= 8 ? -1L : (1L << 8 * size) - 1;
                long seen = isWrite ? value & mask : littleEndian(machine.readVirtual(address, size));
                if (hit == null) hit = new StopReason.Watchpoint(isWrite ? "write" : "read", address, size, seen, current, machine.describe(current));
            } catch (RuntimeException e) {
                stop.accept(new StopReason.EmulatorError("watchpoint hook: " + e));
            }
        }, hookBegin, end - 1);
        handles.add(handle);
        return handle;
    }

    void clear(long handle) {
        if (!handles.remove(handle)) throw new IllegalArgumentException("no watchpoint with handle " + handle);
        uc.removeHook(handle);
        if (handles.isEmpty()) {
            uc.removeHook(everyInstruction);
            everyInstruction = -1;
        }
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = Math.min(b.length, 8) - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
