package micros.bench.machine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** COM1 counts the bytes a real 16550 would lose: more after a transmitter-empty poll than it holds. */
class SerialTest {
    static final int DATA = Serial.BASE, FCR = Serial.BASE + 2, LCR = Serial.BASE + 3, LSR = Serial.BASE + 5;

    static void write(Serial s, String text) { for (char c : text.toCharArray()) s.out(DATA, c); }

    @Test
    void withoutFifosOneBytePerPoll() {
        Serial s = new Serial();
        s.in(LSR);
        write(s, "a");
        assertEquals(0, s.overruns());
        write(s, "bc");
        assertEquals(2, s.overruns(), "two bytes past the holding register");
        s.in(LSR);
        write(s, "d");
        assertEquals(2, s.overruns(), "a poll makes room again");
        assertEquals("abcd", s.text(), "the bench still shows every byte");
    }

    @Test
    void withFifosSixteenBytesPerPoll() {
        Serial s = new Serial();
        s.out(FCR, 0xC7);
        s.in(LSR);
        write(s, "0123456789abcdef");
        assertEquals(0, s.overruns());
        write(s, "g");
        assertEquals(1, s.overruns());
        s.in(LSR);
        write(s, "0123456789abcdef");
        assertEquals(1, s.overruns());
    }

    @Test
    void divisorLatchWritesAreNoBytes() {
        Serial s = new Serial();
        s.out(LCR, 0x80);
        s.out(DATA, 1);
        s.out(DATA + 1, 0);
        s.out(LCR, 0x03);
        s.in(LSR);
        write(s, "x");
        assertEquals(0, s.overruns());
        assertEquals("x", s.text());
    }
}
