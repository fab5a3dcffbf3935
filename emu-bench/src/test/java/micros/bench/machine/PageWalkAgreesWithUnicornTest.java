package micros.bench.machine;

import micros.bench.unicorn.X86;
import micros.fixtures.PagingKernels;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bench's own page walk (its virtual view for the console, gdb, delivery and watchpoints) gives the
 * physical address Unicorn's MMU gives, on the kernel's tables after boot: identity map, higher-half stack
 * and its guard page, unmapped space, and a low page remapped onto other RAM.
 */
class PageWalkAgreesWithUnicornTest {
    private static Machine kernel, remapped;

    @BeforeContainer
    static void boot() throws Exception {
        kernel = Machine.boot("micros.elf", MachineBootTest.kernel(), MachineConfig.defaults());
        kernel.run(MachineBootTest.BUDGET);
        remapped = Machine.boot("remapped-ram.elf", PagingKernels.remappedRam().bytes(), MachineConfig.defaults());
        remapped.run(10_000_000);
    }

    @AfterContainer
    static void close() {
        kernel.close();
        remapped.close();
    }

    @Provide
    Arbitrary<Long> canonical() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, (1L << 32) - 1), // the identity map and the PCI hole
                Arbitraries.longs().between(0x40_0000, 0x60_0000), // the remapped page
                Arbitraries.longs().between(0xFFFF_FF80_0000_0000L, 0xFFFF_FF80_0001_0000L), // the kernel stack, its guard page
                Arbitraries.longs().between(0, (1L << 47) - 1), // anywhere in the lower half
                Arbitraries.longs().between(-(1L << 47), -1)); // anywhere in the upper half
    }

    @Property(tries = 300)
    void theBenchWalkAndUnicornsMmuAgree(@ForAll("canonical") long virtual) {
        for (Machine m : new Machine[] {kernel, remapped}) {
            PageWalk.Result r = m.walk(virtual);
            assertEquals(m.engine().translate(virtual, X86.PROT_READ), r.present() ? r.physical() : -1,
                    () -> String.format("0x%x: bench %s", virtual, r.present() ? "0x" + Long.toHexString(r.physical()) : "not mapped"));
        }
    }
}
