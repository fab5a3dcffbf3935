package micros.compare;

import static micros.bench.machine.X86Bits.PF_P;
import static micros.bench.machine.X86Bits.PF_RSVD;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a QEMU release and the Intel SDM disagree, met while comparing. The SDM decides: a difference one of
 * these explains is QEMU's, not the bench's. Each knows the releases it is in and how it shows on COM1 — a line
 * the kernel prints identically on both but for hex numbers ({@code 0x...}) that QEMU computes wrongly.
 */
public enum QemuDeviation {
    /**
     * In 64-bit mode QEMU before 8.0 builds the IDT error code of a failed delivery (#GP past the IDT limit,
     * a bad gate type or DPL; #NP) from the 16-byte gate's offset, vector·16+2, and never sets EXT; the SDM's is
     * vector·8+2 plus EXT for an event that is not int n. Fixed by "i386: Emit correct error code for 64-bit IDT
     * entry" (QEMU 8.0).
     */
    IDT_ERROR_CODE_VECTOR_TIMES_16("QEMU 7.2: IDT error code vector·16+2; SDM: vector·8+2 (+1 EXT)", null, new QemuVersion(8, 0, 0)) {
        @Override boolean explains(long sdm, long qemu) {
            boolean idt = (sdm & 2) != 0, inRange = sdm >>> 3 < 256;
            return idt && inRange && qemu == (sdm >>> 3) * 16 + 2;
        }
    },

    /**
     * QEMU's page walk as rewritten for 7.2 reports a reserved bit set in a present entry with RSVD alone in the
     * #PF error code; the SDM (4.7): "bit 3 of the error code can be set only if bit 0 is also set", since
     * reserved bits are checked only in present entries. No fixed release is known.
     */
    PAGE_FAULT_RSVD_WITHOUT_P("QEMU 7.2: #PF error code RSVD without P; SDM: RSVD only with P", new QemuVersion(7, 2, 0), null) {
        @Override boolean explains(long sdm, long qemu) {
            return (sdm & (PF_P | PF_RSVD)) == (PF_P | PF_RSVD) && qemu == (sdm & ~PF_P);
        }
    };

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    private final String description;
    /** The first release with it (null: any before {@link #fixedIn}) and the first without (null: none known). */
    private final QemuVersion since, fixedIn;

    QemuDeviation(String description, QemuVersion since, QemuVersion fixedIn) {
        this.description = description;
        this.since = since;
        this.fixedIn = fixedIn;
    }

    /** What QEMU does and what the SDM says, in one line. */
    public String description() { return description; }

    public boolean presentIn(QemuVersion v) { return (since == null || v.compareTo(since) >= 0) && (fixedIn == null || v.compareTo(fixedIn) < 0); }

    /** Whether QEMU giving {@code qemu} where the SDM gives {@code sdm} is this deviation. */
    abstract boolean explains(long sdm, long qemu);

    /**
     * Whether the bench's {@code benchLine} and QEMU's {@code qemuLine} are the same text except for hex numbers,
     * at least one, each differing as this deviation makes QEMU's differ from the SDM's (the bench's).
     */
    public boolean explains(String benchLine, String qemuLine) {
        List<String> benchText = new ArrayList<>(), qemuText = new ArrayList<>();
        List<Long> benchNumbers = split(benchLine, benchText), qemuNumbers = split(qemuLine, qemuText);
        if (benchNumbers == null || qemuNumbers == null || !benchText.equals(qemuText)) return false;
        boolean differs = false;
        for (int i = 0; i < benchNumbers.size(); i++) {
            long b = benchNumbers.get(i), q = qemuNumbers.get(i);
            if (b == q) continue;
            if (!explains(b, q)) return false;
            differs = true;
        }
        return differs;
    }

    /** The deviations of {@code version} that explain the pair of lines, first the first declared. */
    public static java.util.Optional<QemuDeviation> explaining(QemuVersion version, String benchLine, String qemuLine) {
        for (QemuDeviation d : values()) if (d.presentIn(version) && d.explains(benchLine, qemuLine)) return java.util.Optional.of(d);
        return java.util.Optional.empty();
    }

    /** The hex numbers in {@code line}; the text around them goes to {@code text}. Null for a number past 64 bits. */
    private static List<Long> split(String line, List<String> text) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = HEX.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.end() - m.start() > 18) return null;
            text.add(line.substring(at, m.start()));
            numbers.add(Long.parseUnsignedLong(line.substring(m.start() + 2, m.end()), 16));
            at = m.end();
        }
        text.add(line.substring(at));
        return numbers;
    }
}
