package micros.bench.unicorn;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import micros.bench.natives.NativeCache;
import micros.bench.natives.NativePackage;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An x86-64 Unicorn engine through the Foreign Function & Memory API, written from unicorn/unicorn.h.
 * Not thread-safe: one engine belongs to one thread, as Unicorn's own handle does.
 */
public final class Unicorn implements AutoCloseable {
    /** Called before each instruction (or each basic block) with its address and size in bytes. */
    @FunctionalInterface public interface CodeHook { void onCode(long address, int size); }

    /** Called with the vector of an exception, interrupt or {@code int n}. */
    @FunctionalInterface public interface InterruptHook { void onInterrupt(int vector); }

    @FunctionalInterface public interface InHook { int onIn(int port, int size); }

    @FunctionalInterface public interface OutHook { void onOut(int port, int size, int value); }

    /** An access to unmapped or protected memory; return true if the hook fixed it (mapped the page). */
    @FunctionalInterface public interface InvalidMemoryHook { boolean onInvalid(int type, long address, int size, long value); }

    /** A memory access hook for mapped memory (reads and writes). */
    @FunctionalInterface public interface MemoryHook { void onAccess(int type, long address, int size, long value); }

    /** A device register read: {@code offset} from the start of the MMIO range, {@code size} in bytes. */
    @FunctionalInterface public interface MmioRead { long read(long offset, int size); }

    @FunctionalInterface public interface MmioWrite { void write(long offset, int size, long value); }

    /** A saved CPU context (registers, not memory). */
    public static final class Context {
        private final MemorySegment handle;

        private Context(MemorySegment handle) { this.handle = handle; }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    /** The library ./micros setup put in the project's cache, by absolute path: never whatever the host has installed. */
    private static final NativeCache.Installed INSTALLED = NativeCache.installed(NativePackage.UNICORN);
    private static final SymbolLookup LIB = SymbolLookup.libraryLookup(INSTALLED.library(), Arena.global());

    private static MethodHandle fn(String name, FunctionDescriptor d, Linker.Option... options) {
        return LINKER.downcallHandle(LIB.find(name).orElseThrow(() -> new UnicornException(name, -1, "symbol missing in " + INSTALLED.library())), d, options);
    }

    private static final MethodHandle VERSION = fn("uc_version", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** What uc_version says: major, minor, patch (checked against the cache's manifest when the class loads). */
    public static final String VERSION_TEXT = checkedVersion();

    private static String checkedVersion() {
        int v;
        try { v = (int) VERSION.invokeExact(MemorySegment.NULL, MemorySegment.NULL); }
        catch (Throwable t) { throw new IllegalStateException(INSTALLED.library() + ": uc_version failed: " + t); }
        String found = (v >>> 24) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF);
        long[] want = INSTALLED.version().leading(3);
        String expected = want[0] + "." + want[1] + "." + want[2];
        if (!found.equals(expected))
            throw new IllegalStateException(INSTALLED.library() + " reports Unicorn " + found + " but the cache's manifest says " + INSTALLED.version() + ": run ./micros setup");
        return found;
    }

    /** The library in use: its path and Debian version. */
    public static NativeCache.Installed library() { return INSTALLED; }

    private static final MethodHandle OPEN = fn("uc_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CLOSE = fn("uc_close", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = fn("uc_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle MEM_MAP = fn("uc_mem_map", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MEM_MAP_PTR = fn("uc_mem_map_ptr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle MMIO_MAP = fn("uc_mmio_map", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MEM_UNMAP = fn("uc_mem_unmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle MEM_READ = fn("uc_mem_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    private static final MethodHandle MEM_WRITE = fn("uc_mem_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    /** New in Unicorn 2.1; null in 2.0.1, which the speed benchmark loads too, to compare the engines. */
    private static final MethodHandle VMEM_TRANSLATE = LIB.find("uc_vmem_translate")
            .map(f -> LINKER.downcallHandle(f, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS))).orElse(null);
    private static final MethodHandle REG_READ = fn("uc_reg_read", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle REG_WRITE = fn("uc_reg_write", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle REG_READ_BATCH = fn("uc_reg_read_batch", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle EMU_START = fn("uc_emu_start", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle EMU_STOP = fn("uc_emu_stop", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle HOOK_ADD = fn("uc_hook_add",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(7));
    private static final MethodHandle HOOK_ADD_INSN = fn("uc_hook_add",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT), Linker.Option.firstVariadicArg(7));
    private static final MethodHandle CTL_TWO_ARGS = fn("uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CTL_NO_ARGS = fn("uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CTL_ONE_ARG = fn("uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle HOOK_DEL = fn("uc_hook_del", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CONTEXT_ALLOC = fn("uc_context_alloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONTEXT_SAVE = fn("uc_context_save", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONTEXT_RESTORE = fn("uc_context_restore", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONTEXT_FREE = fn("uc_context_free", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment uc;
    /** Scratch space for register values, MSR and descriptor-table structures. */
    private final MemorySegment scratch = arena.allocate(64, 16);
    private MemorySegment buffer = arena.allocate(4096, 16);
    private boolean closed;

    private Unicorn(MemorySegment uc) { this.uc = uc; }

    /** Opens an engine in x86 64-bit mode (the mode in which Unicorn's CPU can reach long mode; it starts in 32-bit code). */
    public static Unicorn open() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check("uc_open", (int) OPEN.invokeExact(X86.ARCH_X86, X86.MODE_64, p));
            return new Unicorn(p.get(ADDRESS, 0));
        } catch (UnicornException e) {
            throw e;
        } catch (Throwable t) {
            throw new UnicornException("uc_open", -1, t.toString());
        }
    }

    /** Unicorn's text for an error code. */
    public static String strerror(int code) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(code)).reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + code;
        }
    }

    private static void check(String call, int err) {
        if (err != 0) throw new UnicornException(call, err, strerror(err));
    }

    private static RuntimeException wrap(String call, Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new UnicornException(call, -1, t.toString());
    }

    // --- memory ----------------------------------------------------------------------------

    public void map(long address, long size, int perms) {
        try { check("uc_mem_map(" + hex(address) + ", " + hex(size) + ")", (int) MEM_MAP.invokeExact(uc, address, size, perms)); }
        catch (Throwable t) { throw wrap("uc_mem_map", t); }
    }

    /** Maps host memory the caller owns (and keeps alive) at {@code address}; two mappings may share it. */
    public void mapHost(long address, long size, int perms, MemorySegment host) {
        try { check("uc_mem_map_ptr(" + hex(address) + ", " + hex(size) + ")", (int) MEM_MAP_PTR.invokeExact(uc, address, size, perms, host)); }
        catch (Throwable t) { throw wrap("uc_mem_map_ptr", t); }
    }

    /** Maps a device at {@code address}: every access calls {@code read} or {@code write} instead of touching memory. */
    public void mapMmio(long address, long size, MmioRead read, MmioWrite write) {
        MemorySegment r = upcall(MmioRead.class, read, "read", MethodType.methodType(long.class, long.class, int.class),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        MemorySegment w = upcall(MmioWrite.class, write, "write", MethodType.methodType(void.class, long.class, int.class, long.class),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
        try { check("uc_mmio_map(" + hex(address) + ", " + hex(size) + ")", (int) MMIO_MAP.invokeExact(uc, address, size, r, MemorySegment.NULL, w, MemorySegment.NULL)); }
        catch (Throwable t) { throw wrap("uc_mmio_map", t); }
    }

    public void unmap(long address, long size) {
        try { check("uc_mem_unmap(" + hex(address) + ")", (int) MEM_UNMAP.invokeExact(uc, address, size)); }
        catch (Throwable t) { throw wrap("uc_mem_unmap", t); }
    }

    public byte[] read(long address, int size) {
        MemorySegment b = buffer(size);
        try { check("uc_mem_read(" + hex(address) + ", " + size + ")", (int) MEM_READ.invokeExact(uc, address, b, (long) size)); }
        catch (Throwable t) { throw wrap("uc_mem_read", t); }
        return b.asSlice(0, size).toArray(JAVA_BYTE_LAYOUT);
    }

    public void write(long address, byte[] bytes) {
        MemorySegment b = buffer(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, b, 0, bytes.length);
        try { check("uc_mem_write(" + hex(address) + ", " + bytes.length + ")", (int) MEM_WRITE.invokeExact(uc, address, b, (long) bytes.length)); }
        catch (Throwable t) { throw wrap("uc_mem_write", t); }
    }

    public long read64(long address) { return scratchRead(address, 8).get(JAVA_LONG, 0); }

    public int read32(long address) { return scratchRead(address, 4).get(JAVA_INT, 0); }

    public void write64(long address, long value) {
        scratch.set(JAVA_LONG, 0, value);
        try { check("uc_mem_write(" + hex(address) + ", 8)", (int) MEM_WRITE.invokeExact(uc, address, scratch, 8L)); }
        catch (Throwable t) { throw wrap("uc_mem_write", t); }
    }

    /**
     * The physical address Unicorn's own MMU gives {@code virtual} for an access of kind {@code prot}
     * (PROT_READ, PROT_WRITE or PROT_EXEC) in the CPU's current mode, or -1 when that access would fault.
     * Memory calls and hooks take physical addresses; this is the MMU's view, for checking the bench's own walk.
     */
    public long translate(long virtual, int prot) {
        if (VMEM_TRANSLATE == null) throw new UnicornException("uc_vmem_translate", -1, "not in " + INSTALLED.library() + " (Unicorn " + VERSION_TEXT + ")");
        scratch.set(JAVA_LONG, 0, 0);
        try { return (int) VMEM_TRANSLATE.invokeExact(uc, virtual, prot, scratch) == 0 ? scratch.get(JAVA_LONG, 0) : -1; }
        catch (Throwable t) { throw wrap("uc_vmem_translate", t); }
    }

    private MemorySegment scratchRead(long address, int size) {
        try { check("uc_mem_read(" + hex(address) + ", " + size + ")", (int) MEM_READ.invokeExact(uc, address, scratch, (long) size)); }
        catch (Throwable t) { throw wrap("uc_mem_read", t); }
        return scratch;
    }

    private MemorySegment buffer(int size) {
        if (buffer.byteSize() < size) buffer = arena.allocate(Math.max(size, buffer.byteSize() * 2), 16);
        return buffer;
    }

    private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;

    // --- registers -------------------------------------------------------------------------

    public long reg(int id) {
        scratch.set(JAVA_LONG, 0, 0);
        try { check("uc_reg_read(" + id + ")", (int) REG_READ.invokeExact(uc, id, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_read", t); }
        return scratch.get(JAVA_LONG, 0);
    }

    public void setReg(int id, long value) {
        scratch.set(JAVA_LONG, 0, value);
        try { check("uc_reg_write(" + id + ")", (int) REG_WRITE.invokeExact(uc, id, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_write", t); }
    }

    /** Reads many registers in one call into {@code values} (one downcall instead of one per register). */
    public final class RegisterBatch {
        private final int count;
        private final MemorySegment ids, pointers, values;

        private RegisterBatch(int[] regs) {
            count = regs.length;
            ids = arena.allocate(4L * count, 8);
            pointers = arena.allocate(8L * count, 8);
            values = arena.allocate(8L * count, 8);
            for (int i = 0; i < count; i++) {
                ids.setAtIndex(JAVA_INT, i, regs[i]);
                pointers.setAtIndex(ADDRESS, i, values.asSlice(8L * i, 8));
            }
        }

        public void read(long[] into) {
            values.fill((byte) 0);
            try { check("uc_reg_read_batch", (int) REG_READ_BATCH.invokeExact(uc, ids, pointers, count)); }
            catch (Throwable t) { throw wrap("uc_reg_read_batch", t); }
            for (int i = 0; i < count; i++) into[i] = values.getAtIndex(JAVA_LONG, i);
        }
    }

    public RegisterBatch batch(int... regs) { return new RegisterBatch(regs); }

    /** uc_x86_msr {u32 rid; u64 value}. */
    public long msr(int msr) {
        scratch.set(JAVA_INT, 0, msr);
        scratch.set(JAVA_LONG, 8, 0);
        try { check("uc_reg_read(MSR " + hex(msr) + ")", (int) REG_READ.invokeExact(uc, X86.MSR, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_read", t); }
        return scratch.get(JAVA_LONG, 8);
    }

    public void setMsr(int msr, long value) {
        scratch.set(JAVA_INT, 0, msr);
        scratch.set(JAVA_LONG, 8, value);
        try { check("uc_reg_write(MSR " + hex(msr) + ")", (int) REG_WRITE.invokeExact(uc, X86.MSR, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_write", t); }
    }

    /** A descriptor-table register (uc_x86_mmr {u16 selector; u64 base; u32 limit; u32 flags}). */
    public record TableRegister(int selector, long base, int limit, int flags) {}

    public TableRegister tableRegister(int id) {
        scratch.fill((byte) 0);
        try { check("uc_reg_read(" + id + ")", (int) REG_READ.invokeExact(uc, id, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_read", t); }
        return new TableRegister(scratch.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 0) & 0xFFFF, scratch.get(JAVA_LONG, 8),
                scratch.get(JAVA_INT, 16), scratch.get(JAVA_INT, 20));
    }

    public void setTableRegister(int id, TableRegister r) {
        scratch.fill((byte) 0);
        scratch.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) r.selector());
        scratch.set(JAVA_LONG, 8, r.base());
        scratch.set(JAVA_INT, 16, r.limit());
        scratch.set(JAVA_INT, 20, r.flags());
        try { check("uc_reg_write(" + id + ")", (int) REG_WRITE.invokeExact(uc, id, scratch)); }
        catch (Throwable t) { throw wrap("uc_reg_write", t); }
    }

    // --- running ---------------------------------------------------------------------------

    /**
     * Selects the emulated CPU model (enum uc_cpu_x86; the bench's models are {@code micros.bench.machine.CpuModel}); call right after {@link #open},
     * before anything maps memory or touches registers, which creates the CPU. Unicorn's default model differs
     * between versions, so the bench always sets one.
     */
    public void setCpuModel(int model) {
        int cpuModelWrite = 7 | 1 << 26 | 1 << 30; // UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)
        try { check("uc_ctl(UC_CTL_CPU_MODEL, " + model + ")", (int) CTL_ONE_ARG.invokeExact(uc, cpuModelWrite, model)); }
        catch (Throwable t) { throw wrap("uc_ctl", t); }
    }

    /** Runs from {@code begin} until {@code until} is reached, {@code count} instructions ran (0: no limit), or a stop. */
    public void start(long begin, long until, long count) {
        int err;
        try { err = (int) EMU_START.invokeExact(uc, begin, until, 0L, count); }
        catch (Throwable t) { throw wrap("uc_emu_start", t); }
        check("uc_emu_start(" + hex(begin) + ")", err);
    }

    /** Like {@link #start} but returns Unicorn's error code instead of throwing (0 when fine). */
    public int startReturningError(long begin, long until, long count) {
        try { return (int) EMU_START.invokeExact(uc, begin, until, 0L, count); }
        catch (Throwable t) { throw wrap("uc_emu_start", t); }
    }

    /**
     * Drops the translated blocks of [begin, end) (uc_ctl UC_CTL_TB_REMOVE_CACHE), so hooks added since apply
     * to code that was already translated. Not from inside a hook; and not UC_CTL_TB_FLUSH, which in 2.0.1
     * crashes in one run of three after counted runs.
     */
    public void removeTranslations(long begin, long end) {
        int removeCacheWrite = 9 | 2 << 26 | 1 << 30; // UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)
        try { check("uc_ctl(UC_CTL_TB_REMOVE_CACHE)", (int) CTL_TWO_ARGS.invokeExact(uc, removeCacheWrite, begin, end)); }
        catch (Throwable t) { throw wrap("uc_ctl", t); }
    }

    /** Drops every translated block (uc_ctl UC_CTL_TB_FLUSH), so a hook added since applies everywhere; not from inside a hook. */
    public void flushTranslations() {
        int flushWrite = 10 | 1 << 30; // UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)
        try { check("uc_ctl(UC_CTL_TB_FLUSH)", (int) CTL_NO_ARGS.invokeExact(uc, flushWrite)); }
        catch (Throwable t) { throw wrap("uc_ctl", t); }
    }

    public void stop() {
        try { check("uc_emu_stop", (int) EMU_STOP.invokeExact(uc)); }
        catch (Throwable t) { throw wrap("uc_emu_stop", t); }
    }

    public Context saveContext() {
        try {
            MemorySegment p = scratch;
            check("uc_context_alloc", (int) CONTEXT_ALLOC.invokeExact(uc, p));
            MemorySegment ctx = p.get(ADDRESS, 0);
            check("uc_context_save", (int) CONTEXT_SAVE.invokeExact(uc, ctx));
            return new Context(ctx);
        } catch (Throwable t) { throw wrap("uc_context_save", t); }
    }

    public void saveContext(Context c) {
        try { check("uc_context_save", (int) CONTEXT_SAVE.invokeExact(uc, c.handle)); }
        catch (Throwable t) { throw wrap("uc_context_save", t); }
    }

    public void restoreContext(Context c) {
        try { check("uc_context_restore", (int) CONTEXT_RESTORE.invokeExact(uc, c.handle)); }
        catch (Throwable t) { throw wrap("uc_context_restore", t); }
    }

    public void freeContext(Context c) {
        try { check("uc_context_free", (int) CONTEXT_FREE.invokeExact(c.handle)); }
        catch (Throwable t) { throw wrap("uc_context_free", t); }
    }

    // --- hooks -----------------------------------------------------------------------------

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private long addHook(int type, MemorySegment stub, long begin, long end) { return addHook(type, stub, MemorySegment.NULL, begin, end); }

    private long addHook(int type, MemorySegment stub, MemorySegment userData, long begin, long end) {
        MemorySegment handle = arena.allocate(JAVA_LONG);
        try { check("uc_hook_add(type " + type + ")", (int) HOOK_ADD.invokeExact(uc, handle, type, stub, userData, begin, end)); }
        catch (Throwable t) { throw wrap("uc_hook_add", t); }
        return handle.get(JAVA_LONG, 0);
    }

    private long addInsnHook(int insn, MemorySegment stub) {
        MemorySegment handle = arena.allocate(JAVA_LONG);
        try { check("uc_hook_add(insn " + insn + ")", (int) HOOK_ADD_INSN.invokeExact(uc, handle, X86.HOOK_INSN, stub, MemorySegment.NULL, 1L, 0L, insn)); }
        catch (Throwable t) { throw wrap("uc_hook_add", t); }
        return handle.get(JAVA_LONG, 0);
    }

    /** One upcall stub per hook object: a hook added again and again (a debugger's step) costs no new native code. */
    private final java.util.Map<Object, MemorySegment> stubs = new java.util.IdentityHashMap<>();

    private <T> MemorySegment upcall(Class<T> iface, T target, String method, MethodType type, FunctionDescriptor d) {
        MemorySegment stub = stubs.get(target);
        if (stub == null) stubs.put(target, stub = newUpcall(iface, target, method, type, d));
        return stub;
    }

    private <T> MemorySegment newUpcall(Class<T> iface, T target, String method, MethodType type, FunctionDescriptor d) {
        try {
            MethodHandle h = LOOKUP.findVirtual(iface, method, type).bindTo(target);
            h = MethodHandles.dropArguments(h, 0, MemorySegment.class);
            h = MethodHandles.dropArguments(h, h.type().parameterCount(), MemorySegment.class);
            return LINKER.upcallStub(h, d, arena);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hook on every instruction in [begin, end] (begin > end: everywhere). */
    public long hookCode(CodeHook h, long begin, long end) {
        return addHook(X86.HOOK_CODE, codeHookEntry(h), begin, end);
    }

    /** A hook on every basic block in [begin, end]. */
    public long hookBlock(CodeHook h, long begin, long end) {
        return addHook(X86.HOOK_BLOCK, codeHookEntry(h), begin, end);
    }

    /** The native entry of {@code h} as a block or code hook, for native code to call (see {@link #hookBlock(MemorySegment, MemorySegment)}). */
    public MemorySegment codeHookEntry(CodeHook h) {
        return upcall(CodeHook.class, h, "onCode", MethodType.methodType(void.class, long.class, int.class),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
    }

    /** A native block hook on every block: {@code callback(uc, address, size, userData)}, no Java upcall. */
    public long hookBlock(MemorySegment callback, MemorySegment userData) { return addHook(X86.HOOK_BLOCK, callback, userData, 1, 0); }

    public long hookInterrupt(InterruptHook h) {
        return addHook(X86.HOOK_INTR, upcall(InterruptHook.class, h, "onInterrupt", MethodType.methodType(void.class, int.class),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS)), 1, 0);
    }

    /** Called for {@code syscall}, which Unicorn then steps over without doing anything else. */
    public long hookSyscall(Runnable h) {
        return addInsnHook(X86.INS_SYSCALL, upcall(Runnable.class, h, "run", MethodType.methodType(void.class),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)));
    }

    public long hookIn(InHook h) {
        return addInsnHook(X86.INS_IN, upcall(InHook.class, h, "onIn", MethodType.methodType(int.class, int.class, int.class),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS)));
    }

    public long hookOut(OutHook h) {
        return addInsnHook(X86.INS_OUT, upcall(OutHook.class, h, "onOut", MethodType.methodType(void.class, int.class, int.class, int.class),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS)));
    }

    public long hookInvalidMemory(InvalidMemoryHook h) {
        return addHook(X86.HOOK_MEM_INVALID, upcall(InvalidMemoryHook.class, h, "onInvalid", MethodType.methodType(boolean.class, int.class, long.class, int.class, long.class),
                FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS)), 1, 0);
    }

    /** Reads and/or writes of mapped memory in [begin, end]; {@code type} is HOOK_MEM_READ and/or HOOK_MEM_WRITE. */
    public long hookMemory(int type, MemoryHook h, long begin, long end) {
        return addHook(type, upcall(MemoryHook.class, h, "onAccess", MethodType.methodType(void.class, int.class, long.class, int.class, long.class),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS)), begin, end);
    }

    public void removeHook(long handle) {
        try { check("uc_hook_del", (int) HOOK_DEL.invokeExact(uc, handle)); }
        catch (Throwable t) { throw wrap("uc_hook_del", t); }
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        try { check("uc_close", (int) CLOSE.invokeExact(uc)); }
        catch (Throwable t) { throw wrap("uc_close", t); }
        finally { arena.close(); }
    }

    static String hex(long v) { return "0x" + Long.toHexString(v); }
}
