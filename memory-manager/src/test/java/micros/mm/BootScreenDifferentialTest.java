package micros.mm;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.BenchRunner;
import micros.magic.sim.SimulatedMemory;
import micros.magic.sim.SparseMemory;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The boot screen compiled and run in the bench paints the same bytes as the same Java on the JVM, for
 * random framebuffer formats and allocator lists (no 1 GiB frames: the bench has 256 MiB).
 */
class BootScreenDifferentialTest {
    static MethodRef show;
    static BenchRunner bench;

    @BeforeContainer
    static void compile() {
        ClassSource source = new ClassSource(BootScreenDifferentialTest.class.getClassLoader());
        show = Compiler.method(source, MemoryManager.class.getName(), "show");
        bench = new BenchRunner(Compiler.compile(source, List.of(show)));
    }

    @AfterContainer
    static void close() { if (bench != null) bench.close(); }

    @Provide Arbitrary<Screen> screens() { return BootScreenPropertyTest.screens(BootScreenPropertyTest.formats(100, 1280, 60, 1024), 0); }

    @Property(tries = 25)
    void compiledScreenIsTheJvmScreen(@ForAll("screens") Screen s) {
        SparseMemory memory = new SparseMemory();
        List<long[]> writes = new ArrayList<>();
        s.writeTo(new SimulatedMemory() {
            @Override public long load(long address, int size) { return memory.load(address, size); }

            @Override public void store(long address, int size, long value) {
                writes.add(new long[] {address, size, value});
                memory.store(address, size, value);
            }
        }, true);
        boolean jvm = BootScreenPropertyTest.show(memory, s);

        // The same state in the bench: the same writes, on a cleared framebuffer.
        bench.machine().writeVirtual(Screen.FRAMEBUFFER, new byte[(int) s.format().size()]);
        for (long[] w : writes) {
            byte[] b = new byte[(int) w[1]];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (w[2] >>> 8 * i);
            bench.machine().writeVirtual(w[0], b);
        }
        long machine = bench.call(show, Screen.ALLOC, Screen.INFO);

        assertEquals(jvm ? 1 : 0, machine, "show's result");
        assertArrayEquals(BootScreenPropertyTest.pixels(memory, s.format()), bench.machine().readVirtual(Screen.FRAMEBUFFER, (int) s.format().size()), "the pixels of " + s.format());
    }
}
