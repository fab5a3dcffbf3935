package micros.mm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecimalTest {
    @Property(tries = 2000)
    void formatsAsJavaDoes(@ForAll long value) {
        assertEquals(Long.toString(value), format(value));
    }

    @Property(tries = 500)
    void smallNumbersToo(@ForAll @LongRange(min = -1000, max = 1000) long value) {
        assertEquals(Long.toString(value), format(value));
    }

    @Test
    void extremes() {
        assertEquals("0", format(0));
        assertEquals("-9223372036854775808", format(Long.MIN_VALUE));
        assertEquals(Decimal.MAX_LENGTH, format(Long.MIN_VALUE).length());
        assertEquals("9223372036854775807", format(Long.MAX_VALUE));
    }

    private static String format(long value) {
        byte[] out = new byte[Decimal.MAX_LENGTH];
        int n = Decimal.format(value, out);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }
}
