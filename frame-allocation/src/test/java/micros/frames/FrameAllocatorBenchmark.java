package micros.frames;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;

/**
 * Prints how fast the allocator runs on the JVM over the simulated memory (the cost of the JVM path that
 * tests use; the compiled path is measured in the bench). Run:
 * <pre>
 *   java -cp frame-allocation/target/classes:frame-allocation/target/test-classes:magic/target/classes \
 *        micros.frames.FrameAllocatorBenchmark
 * </pre>
 */
public final class FrameAllocatorBenchmark {
    private static final long ALLOC = 0x0000_0F00_0000_0000L;

    public static void main(String[] args) {
        for (int round = 0; round < 3; round++) {
            try (var m = Machine.install(new SimulatedCpu(new SparseMemory()))) {
                FrameAllocator.init(ALLOC, false);
                long t0 = System.nanoTime();
                FrameAllocator.addRegion(ALLOC, 0x10_0000L, 0x1_0010_0000L); // 4 GiB at 1 MiB: 2047 2 MiB frames + scrap
                long t1 = System.nanoTime();
                int n = 200_000;
                long[] frames = new long[n];
                for (int i = 0; i < n; i++) frames[i] = FrameAllocator.allocate4k(ALLOC);
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) FrameAllocator.addFrame4k(ALLOC, frames[i]);
                long t3 = System.nanoTime();
                long free = FrameAllocator.count4k(ALLOC);
                long t4 = System.nanoTime();
                System.out.printf("round %d: addRegion 4 GiB %.2f ms; allocate4k %.0f ns/op; addFrame4k %.0f ns/op; count4k of %d %.2f ms%n",
                        round, (t1 - t0) / 1e6, (t2 - t1) / (double) n, (t3 - t2) / (double) n, free, (t4 - t3) / 1e6);
            }
        }
    }
}
