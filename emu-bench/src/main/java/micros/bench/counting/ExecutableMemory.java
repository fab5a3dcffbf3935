package micros.bench.counting;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Machine code the bench made itself, in pages of their own: mapped writable, filled, then made
 * read-and-execute only (never both writable and executable), unmapped at {@link #close}.
 */
final class ExecutableMemory implements AutoCloseable {
    private static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MMAP = libc("mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MPROTECT = libc("mprotect", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MUNMAP = libc("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

    private final MemorySegment code;
    private boolean closed;

    private static MethodHandle libc(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name)), d);
    }

    ExecutableMemory(byte[] bytes) {
        long size = (bytes.length + 0xFFFL) & ~0xFFFL;
        try {
            MemorySegment p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            if (p.address() == -1L) throw new IllegalStateException("mmap of " + size + " bytes for generated code failed");
            code = p.reinterpret(size);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, code, 0, bytes.length);
            if ((int) MPROTECT.invokeExact(code, size, PROT_READ | PROT_EXEC) != 0) throw new IllegalStateException("mprotect of generated code failed");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The first instruction. */
    MemorySegment entry() { return code; }

    @Override public void close() {
        if (closed) return;
        closed = true;
        try { int ignored = (int) MUNMAP.invokeExact(code, code.byteSize()); }
        catch (Throwable t) { throw new IllegalStateException(t); }
    }
}
