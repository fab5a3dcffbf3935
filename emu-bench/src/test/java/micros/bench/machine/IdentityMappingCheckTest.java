package micros.bench.machine;

import micros.fixtures.PagingKernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mapping the bench cannot run stops the run with a message instead of running on with the wrong bytes. */
class IdentityMappingCheckTest {
    @Test
    void remappingRamToOtherRamStopsAtTheCr3Reload() {
        var image = PagingKernels.remappedRam();
        try (Machine m = Machine.boot("remapped-ram.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            StopReason.EmulatorError e = assertInstanceOf(StopReason.EmulatorError.class, why, () -> why.toString());
            assertTrue(e.message().contains("the page tables map virtual 0x400000-0x5fffff onto physical 0x800000"), e.message());
            assertEquals(image.symbol("after_reload"), m.pc(), "stopped right after the mov to CR3");
        }
    }
}
