package micros.bench.machine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local APIC model against the SDM's rules, on a clock the test moves by hand. */
class LocalApicTest {
    private long now;
    private final List<String> log = new ArrayList<>();

    private LocalApic apic(long instructionsPerTick) {
        LocalApic a = new LocalApic(() -> now, instructionsPerTick, log::add);
        a.write(LocalApic.SVR, 4, 0x1FF);
        return a;
    }

    private static final int[] DIVIDE_CODES = {0b0000, 0b0001, 0b0010, 0b0011, 0b1000, 0b1001, 0b1010, 0b1011};
    private static final long[] DIVISORS = {2, 4, 8, 16, 32, 64, 128, 1};

    @Property
    void oneShotTimerFiresOnceWhenTheCountReachesZero(@ForAll @LongRange(min = 1, max = 100_000) long count,
                                                      @ForAll @IntRange(min = 0, max = 7) int divide,
                                                      @ForAll @LongRange(min = 1, max = 50) long perTick,
                                                      @ForAll @LongRange(min = 0, max = 1 << 20) long start) {
        now = start;
        LocalApic a = apic(perTick);
        a.write(LocalApic.DIVIDE, 4, DIVIDE_CODES[divide]);
        a.write(LocalApic.LVT_TIMER, 4, 0x40);
        a.write(LocalApic.INITIAL_COUNT, 4, count);
        long period = count * DIVISORS[divide] * perTick;
        assertEquals(start + period, a.nextEvent());
        now = start + period - 1;
        a.advance();
        assertEquals(-1, a.deliverable(), "not yet");
        assertEquals(1, a.currentCount(), "one tick left");
        now = start + period;
        a.advance();
        assertEquals(0x40, a.deliverable());
        a.acknowledge(0x40);
        a.write(LocalApic.EOI, 4, 0);
        now += 10 * period;
        a.advance();
        assertEquals(-1, a.deliverable(), "one-shot: once");
        assertEquals(0, a.currentCount());
        assertEquals(Long.MAX_VALUE, a.nextEvent());
    }

    @Property
    void periodicTimerReloadsAndCountsDown(@ForAll @LongRange(min = 1, max = 10_000) long count,
                                           @ForAll @IntRange(min = 0, max = 7) int divide,
                                           @ForAll @IntRange(min = 1, max = 20) int periods) {
        now = 0;
        LocalApic a = apic(1);
        a.write(LocalApic.DIVIDE, 4, DIVIDE_CODES[divide]);
        a.write(LocalApic.LVT_TIMER, 4, 0x2_0041);
        a.write(LocalApic.INITIAL_COUNT, 4, count);
        long period = count * DIVISORS[divide];
        int fired = 0;
        for (int p = 1; p <= periods; p++) {
            now = p * period;
            a.advance();
            if (a.deliverable() == 0x41) {
                fired++;
                a.acknowledge(0x41);
                a.write(LocalApic.EOI, 4, 0);
            }
            assertEquals(count, a.currentCount(), "reloaded at each period");
            assertEquals((p + 1) * period, a.nextEvent());
        }
        assertEquals(periods, fired);
    }

    @Test
    void maskedOrSoftwareDisabledTimerRaisesNothing() {
        now = 0;
        LocalApic a = apic(1);
        a.write(LocalApic.LVT_TIMER, 4, 0x1_0040);
        a.write(LocalApic.INITIAL_COUNT, 4, 5);
        now = 100;
        a.advance();
        assertEquals(-1, a.deliverable());
        LocalApic off = new LocalApic(() -> now, 1, log::add); // SVR bit 8 clear: LVT writes stay masked
        off.write(LocalApic.LVT_TIMER, 4, 0x40);
        assertEquals(0x1_0040, off.read(LocalApic.LVT_TIMER, 4));
    }

    @Test
    void inServiceVectorAndTprHoldBackLowerPriorityClasses() {
        now = 0;
        LocalApic a = apic(1);
        a.write(LocalApic.LVT_TIMER, 4, 0x2_0050);
        a.write(LocalApic.INITIAL_COUNT, 4, 1);
        now = 2;
        a.advance();
        a.acknowledge(a.deliverable());
        assertEquals(1L << (0x50 - 0x40), a.read(LocalApic.ISR + 0x20, 4), "vector 0x50 in service");
        now = 4;
        a.advance();
        assertEquals(-1, a.deliverable(), "same class as the one in service");
        a.write(LocalApic.EOI, 4, 0);
        assertEquals(0x50, a.deliverable());
        a.write(LocalApic.TPR, 4, 0x50);
        assertEquals(-1, a.deliverable(), "TPR class 5 masks vector 0x50");
        assertEquals(0x50, a.read(LocalApic.PPR, 4));
    }

    @Test
    void registersReadBackAndOddAccessesAreLoggedOnce() {
        LocalApic a = apic(1);
        assertEquals(LocalApic.VERSION_VALUE, a.read(LocalApic.VERSION, 4));
        a.write(LocalApic.VERSION, 4, 0);
        a.write(LocalApic.VERSION, 4, 0);
        a.read(0x24, 2);
        assertEquals(2, log.size(), () -> log.toString());
        assertTrue(log.get(0).contains("0x30"), log.get(0));
        assertTrue(log.get(1).contains("2 bytes at local APIC offset 0x24"), log.get(1));
    }
}
