package micros.compare;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static micros.compare.QemuDeviation.IDT_ERROR_CODE_VECTOR_TIMES_16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuDeviationTest {
    static final QemuVersion QEMU_7_2 = new QemuVersion(7, 2, 22), QEMU_8_0 = new QemuVersion(8, 0, 0);

    static String line(long code) { return "fixture: refused with #GP(0x" + Long.toHexString(code) + ")"; }

    @Property
    void qemu72sErrorCodeForAnyVectorIsRecognized(@ForAll @IntRange(max = 255) int vector, @ForAll boolean external) {
        long sdm = vector * 8L + 2 + (external ? 1 : 0), qemu = vector * 16L + 2;
        Assume.that(sdm != qemu);
        assertEquals(IDT_ERROR_CODE_VECTOR_TIMES_16, QemuDeviation.explaining(QEMU_7_2, line(sdm), line(qemu)).orElseThrow());
        assertTrue(QemuDeviation.explaining(QEMU_8_0, line(sdm), line(qemu)).isEmpty(), "fixed in 8.0: there it is a difference");
    }

    @Property
    void anyOtherNumberIsADifference(@ForAll @IntRange(max = 255) int vector, @ForAll @IntRange(max = 0xFFFF) int qemu) {
        long sdm = vector * 8L + 2;
        Assume.that(qemu != vector * 16L + 2);
        assertTrue(QemuDeviation.explaining(QEMU_7_2, line(sdm), line(qemu)).isEmpty());
    }

    @Test
    void theTextAroundTheNumbersMustBeTheSame() {
        assertFalse(IDT_ERROR_CODE_VECTOR_TIMES_16.explains("#GP(0x40a) from ring 3", "#NP(0x812) from ring 3"));
        assertFalse(IDT_ERROR_CODE_VECTOR_TIMES_16.explains("#GP(0x40a)", "#GP(0x40a)"), "equal lines are no deviation");
        assertFalse(IDT_ERROR_CODE_VECTOR_TIMES_16.explains("#GP(0x40a) at 0x1000", "#GP(0x812) at 0x2000"), "every differing number must be explained");
        assertTrue(IDT_ERROR_CODE_VECTOR_TIMES_16.explains("#GP(0x40a) at 0x1000", "#GP(0x812) at 0x1000"));
        assertFalse(IDT_ERROR_CODE_VECTOR_TIMES_16.explains("#GP(0x40a)", "#GP(0x812) and more"));
    }

    @Property
    void qemu72sReservedBitFaultWithoutPIsRecognized(@ForAll @IntRange(max = 31) int bits) {
        long sdm = bits | 9, qemu = sdm & ~1; // P and RSVD, as the SDM has them together
        String bench = "#PF error 0x" + Long.toHexString(sdm) + " cr2 0x8000002000", q = "#PF error 0x" + Long.toHexString(qemu) + " cr2 0x8000002000";
        assertEquals(QemuDeviation.PAGE_FAULT_RSVD_WITHOUT_P, QemuDeviation.explaining(QEMU_7_2, bench, q).orElseThrow());
        assertTrue(QemuDeviation.explaining(new QemuVersion(7, 1, 0), bench, q).isEmpty(), "7.1's walk still set P");
        assertTrue(QemuDeviation.explaining(QEMU_7_2, q, bench).isEmpty(), "the other way round it is the bench's");
    }

    @Test
    void theDescriptionNamesQemusFormulaAndTheSdms() {
        assertEquals("QEMU 7.2: IDT error code vector·16+2; SDM: vector·8+2 (+1 EXT)", IDT_ERROR_CODE_VECTOR_TIMES_16.description());
    }
}
