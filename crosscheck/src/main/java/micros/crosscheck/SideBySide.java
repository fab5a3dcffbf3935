package micros.crosscheck;

import micros.bench.machine.WriteLog;
import micros.compiler.Compiler;
import micros.compiler.IsolatedClassLoader;
import micros.compiler.MethodRef;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiled kernel-Java run side by side: on the JVM, in a class loader of its own, and as machine code in
 * the bench; both from the same starting state (static fields at the initial values the compiler emitted,
 * the JVM's memory reading what the guest's holds, and what {@link #write} put there). After each call the
 * two must agree on the result (or both panic, or both halt; a fault of another kind, such as an exception
 * in the bench, is a difference), on what the call wrote to the console (unless it panicked: the two sides
 * word a panic differently), on every static field the compiled code uses, and on the memory the call
 * wrote: the same bytes written, to the same values. The bench's own stack and its static data (compared as
 * statics) are not part of the memory compared.
 */
public final class SideBySide implements AutoCloseable {
    /** What each side did, and the first difference between them (null when they agree); whether both halted. */
    public record Outcome(String jvm, String bench, String difference, boolean halted) {
        public boolean agree() { return difference == null; }
    }

    private final ClassLoader classes;
    private final Compiler.Result compiled;
    private final BenchRunner bench;
    private final GuestStatics statics;
    private final Map<Long, byte[]> initialStatics = new TreeMap<>();
    private final List<long[]> staticRanges;
    /** Where the statics' data lies, all of it: most writes are outside. */
    private final long staticsLow, staticsHigh;
    private final WriteLog writes;
    private ClassLoader jvm;

    /** {@code classes}: where the JVM side finds the class files; {@code compiled}: the bench side's code. */
    public SideBySide(ClassLoader classes, Compiler.Result compiled) {
        this.classes = classes;
        this.compiled = compiled;
        this.bench = new BenchRunner(compiled);
        this.statics = new GuestStatics(bench, compiled.statics());
        this.staticRanges = statics.ranges();
        this.staticsLow = staticRanges.stream().mapToLong(r -> r[0]).min().orElse(0);
        this.staticsHigh = staticRanges.stream().mapToLong(r -> r[0] + r[1]).max().orElse(0);
        for (long[] r : staticRanges) initialStatics.put(r[0], bench.machine().readVirtual(r[0], (int) r[1]));
        this.writes = bench.machine().logWrites();
        this.jvm = new IsolatedClassLoader(classes);
    }

    /** Both sides back to the starting state: fresh classes on the JVM, the statics' initial data in the guest. */
    public void reset() {
        jvm = new IsolatedClassLoader(classes);
        initialStatics.forEach((address, bytes) -> bench.machine().writeVirtual(address, bytes));
    }

    /**
     * Puts {@code bytes} at {@code address} of the memory both sides start from (the guest's, which the JVM
     * side reads where it has not written): the input a call reads, such as a boot information or an ELF file.
     */
    public void write(long address, byte[] bytes) { bench.machine().writeVirtual(address, bytes); }

    /** Runs {@code m} on the JVM, then in the bench, and compares what they did. */
    public Outcome call(MethodRef m, long... args) {
        OverlayMemory memory = new OverlayMemory(this::guestByte);
        SimulatedCpu cpu = new SimulatedCpu(memory);
        Ran onJvm;
        try (var installed = Machine.install(cpu)) {
            onJvm = Ran.of(() -> JvmRunner.call(jvm, m, args));
        }
        writes.clear();
        Ran inBench = Ran.of(() -> bench.call(m, args));
        // Both panicking agree (the messages name the failure each side's way: "/ by zero", "division by zero in ...").
        boolean panicked = onJvm.panicked() && inBench.panicked();
        String difference = inBench.equals(onJvm) || panicked ? null : "result: jvm " + onJvm + ", bench " + inBench;
        if (difference == null && !panicked && !cpu.consoleText().equals(bench.lastConsole()))
            difference = "console: jvm '" + cpu.consoleText().strip() + "', bench '" + bench.lastConsole().strip() + "'";
        if (difference == null) difference = StaticState.firstDifference(StaticState.ofJvm(jvm, compiled.statics()), statics.read());
        if (difference == null) difference = WrittenBytes.firstDifference(memory.written(), benchWrites());
        return new Outcome(onJvm + console(cpu.consoleText()), inBench + console(bench.lastConsole()), difference, onJvm.halted() && inBench.halted());
    }

    /** What a call wrote to the console, as outcomes show it (nothing when it wrote nothing). */
    static String console(String text) { return text.isEmpty() ? "" : ", console '" + text.strip() + "'"; }

    /** The JVM loader of the current run (to read its classes' state). */
    public ClassLoader jvmClasses() { return jvm; }

    public BenchRunner bench() { return bench; }

    interface Run { long run(); }

    /** How one side's call ended: a value, or a panic, halt or fault (its message in {@code text}). */
    record Ran(String text, boolean faulted, boolean halted) {
        static Ran of(Run r) {
            try {
                long v = r.run();
                return new Ran(v + " (0x" + Long.toHexString(v) + ")", false, false);
            } catch (BenchRunner.Fault f) {
                return new Ran(f.getMessage(), true, f instanceof BenchRunner.Halt);
            }
        }

        boolean panicked() { return faulted && text.startsWith("panic: "); }

        @Override public String toString() { return text; }
    }

    /** A byte of the guest's memory, for the JVM side's reads of memory it has not written. */
    private long guestByte(long address) {
        try {
            return bench.machine().readVirtual(address, 1)[0] & 0xFF;
        } catch (RuntimeException e) {
            throw new BenchRunner.Fault("read of 0x" + Long.toHexString(address) + " outside the bench's memory: " + e.getMessage());
        }
    }

    /** The bytes the bench's call wrote, with their values now, but its stack and its statics' data. */
    private WrittenBytes benchWrites() {
        // Merged into ranges first (a fill logs one write per byte; one read per range is far cheaper),
        // runs of adjacent writes before they go into the map.
        TreeMap<Long, Long> ranges = new TreeMap<>();
        long runStart = 0, runEnd = 0;
        for (WriteLog.Write w : writes.writes()) {
            if (inStack(w.address()) || inStatics(w.address(), w.size())) continue;
            long start = w.address(), end = start + w.size();
            if (runEnd > runStart && start >= runStart && start <= runEnd) { runEnd = Math.max(runEnd, end); continue; }
            merge(ranges, runStart, runEnd);
            runStart = start;
            runEnd = end;
        }
        merge(ranges, runStart, runEnd);
        WrittenBytes bytes = new WrittenBytes();
        ranges.forEach((start, end) -> bytes.put(start, bench.machine().readVirtual(start, (int) (end - start))));
        return bytes;
    }

    /** Adds [start, end) to the disjoint ranges (start to end), merging those it touches. */
    private static void merge(TreeMap<Long, Long> ranges, long start, long end) {
        if (end <= start) return;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            if (before.getValue() >= end) return;
            start = before.getKey();
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start); next != null && next.getKey() <= end; next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    private static boolean inStack(long address) {
        return Long.compareUnsigned(address, BenchRunner.STACK_TOP - BenchRunner.STACK_SIZE) >= 0 && Long.compareUnsigned(address, BenchRunner.STACK_TOP) < 0;
    }

    private boolean inStatics(long address, int size) {
        if (address < staticsLow || address >= staticsHigh) return false;
        for (long[] r : staticRanges) if (address >= r[0] && address + size <= r[0] + r[1]) return true;
        return false;
    }

    @Override public void close() {
        writes.close();
        bench.close();
    }
}
