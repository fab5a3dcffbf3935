package micros.bench.machine;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Guest RAM as anonymous host mappings (mmap): the kernel hands out zeroed pages on first touch, so a
 * machine with gigabytes of RAM starts at once. {@code Arena.allocate} zeroes every byte up front,
 * which took about 11 s for 3 GiB.
 */
final class HostMemory {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final int PROT_READ_WRITE = 0x3, MAP_PRIVATE_ANONYMOUS_NORESERVE = 0x02 | 0x20 | 0x4000;

    private HostMemory() {}

    /** {@code size} zeroed bytes, page-aligned, unmapped when {@code arena} closes. */
    static MemorySegment allocate(long size, Arena arena) {
        MemorySegment p;
        try {
            p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_NORESERVE, -1, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap of " + size + " bytes: " + t, t);
        }
        if (p.address() == -1L) throw new BootException("cannot reserve " + (size >> 20) + " MiB of host memory for the machine's RAM (mmap failed)");
        return p.reinterpret(size, arena, s -> {
            try { int ignored = (int) MUNMAP.invokeExact(s, size); } catch (Throwable t) { throw new IllegalStateException(t); }
        });
    }
}
