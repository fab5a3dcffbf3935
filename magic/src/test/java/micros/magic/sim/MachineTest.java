package micros.magic.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicReference;
import micros.magic.Memory;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void installationsNestAndRestore() {
        var outer = new SimulatedCpu();
        var inner = new SimulatedCpu();
        try (var a = Machine.install(outer)) {
            try (var b = Machine.install(inner)) {
                Memory.write8(0, 1);
                assertSame(inner, Machine.current());
            }
            assertSame(outer, Machine.current());
            assertEquals(0, Memory.read8(0));
        }
        assertThrows(IllegalStateException.class, Machine::current);
    }

    @Test
    void closingOutOfOrderIsAnError() {
        var a = Machine.install(new SimulatedCpu());
        var b = Machine.install(new SimulatedCpu());
        assertThrows(IllegalStateException.class, a::close);
        b.close();
        a.close();
        assertThrows(IllegalStateException.class, Machine::current);
    }

    @Test
    void eachThreadHasItsOwnMachine() throws InterruptedException {
        var failure = new AtomicReference<Throwable>();
        try (var a = Machine.install(new SimulatedCpu())) {
            Memory.write64(0x100, 7);
            var other = new Thread(() -> {
                try (var b = Machine.install(new SimulatedCpu())) {
                    if (Memory.read64(0x100) != 0) throw new AssertionError("saw the other thread's memory");
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.start();
            other.join();
            assertEquals(7, Memory.read64(0x100));
        }
        assertNull(failure.get());
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> Machine.install(null));
        var memory = new SparseMemory();
        var e = assertThrows(IllegalArgumentException.class, () -> memory.load(0, 3));
        assertTrue(e.getMessage().contains("3"));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedCpu().readControlRegister(5));
    }
}
