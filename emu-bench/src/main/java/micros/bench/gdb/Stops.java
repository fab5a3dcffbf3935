package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.StopReason;

import java.util.HashMap;
import java.util.Map;

/**
 * gdb's breakpoints and watchpoints (Z/z packets) on the machine's {@code stopAt} and {@code watch}, and
 * the stop replies that tell gdb which of them fired. gdb inserts them all before each resume and removes
 * them at each stop, so they live here only between the two.
 */
final class Stops {
    /** A Z packet's type: 0 software and 1 hardware breakpoint, 2 write, 3 read and 4 access watchpoint. */
    private record Key(int type, long address, long length) {}

    private final Machine machine;
    private final Map<Key, Long> handles = new HashMap<>();

    Stops(Machine machine) { this.machine = machine; }

    /** {@code Z2,ADDR,KIND} inserts, {@code z2,ADDR,KIND} removes; KIND is a watchpoint's length in bytes. */
    String change(String p) {
        String[] a = p.substring(1).split(",");
        int type = Integer.parseInt(a[0]);
        if (type < 0 || type > 4) return "";
        Key key = new Key(type, Long.parseUnsignedLong(a[1], 16), Long.parseLong(a[2].split(";")[0], 16));
        if (p.charAt(0) == 'z') {
            Long h = handles.remove(key);
            if (h != null) remove(key, h);
            return "OK";
        }
        if (handles.containsKey(key)) return "OK";
        long at = key.address();
        long handle = type <= 1 ? machine.stopAt(at, "breakpoint at 0x" + Long.toHexString(at))
                : machine.watch(at, key.length(), type != 2, type != 3);
        handles.put(key, handle);
        return "OK";
    }

    /** Removes every breakpoint and watchpoint: the gdb that set them has gone. */
    void clear() {
        handles.forEach(this::remove);
        handles.clear();
    }

    private void remove(Key key, long handle) {
        if (key.type() <= 1) machine.clearStop(handle);
        else machine.clearWatch(handle);
    }

    /** A T packet: the signal, why (breakpoint kind or watched address) and the thread, which gdb wants named. */
    String reply(StopReason why) {
        String thread = "thread:01;";
        return switch (why) {
            case StopReason.Breakpoint b -> "T05" + (handles.containsKey(new Key(1, b.rip(), 1)) ? "hwbreak:;" : "swbreak:;") + thread;
            case StopReason.Watchpoint w -> "T05" + watched(w) + thread;
            case StopReason.BudgetExhausted x -> "T05" + thread;
            // Signal 0: gdb says "Program stopped." instead of inventing a SIGTRAP for a kernel that halted on purpose.
            case StopReason.Halted h -> "T00" + thread;
            case StopReason.Idle i -> "T00" + thread;
            case StopReason.DebugExit x -> "T00" + thread;
            case StopReason.UnhandledException e -> String.format("T%02x", signal(e.vector())) + thread;
            case StopReason.TripleFault t -> "T0b" + thread; // SIGSEGV
            case StopReason.InvalidMemory m -> "T0b" + thread;
            case StopReason.EmulatorError e -> "T06" + thread; // SIGABRT
        };
    }

    /**
     * {@code watch:ADDR;} (or rwatch, awatch) for the watchpoint the access hit. The address is clamped into
     * the watched range: gdb matches it against the range, and an access may begin before the range.
     */
    private String watched(StopReason.Watchpoint w) {
        boolean write = w.access().equals("write");
        for (Key k : handles.keySet()) {
            if (k.type() < 2 || (k.type() == 2 && !write) || (k.type() == 3 && write)) continue;
            long end = k.address() + k.length();
            if (Long.compareUnsigned(w.address(), end) >= 0 || Long.compareUnsigned(w.address() + w.size(), k.address()) <= 0) continue;
            String kind = k.type() == 2 ? "watch" : k.type() == 3 ? "rwatch" : "awatch";
            long at = Long.compareUnsigned(w.address(), k.address()) < 0 ? k.address() : w.address();
            return kind + ":" + Long.toHexString(at) + ";";
        }
        return "";
    }

    /** The signal gdb shows for an exception the kernel did not handle. */
    private static int signal(int vector) {
        return switch (vector) {
            case 0, 16, 19 -> 8; // SIGFPE: divide error, x87 and SIMD floating point
            case 6 -> 4;         // SIGILL: invalid opcode
            case 1, 3 -> 5;      // SIGTRAP: debug, int3
            default -> 11;       // SIGSEGV: page fault, general protection and the rest
        };
    }
}
