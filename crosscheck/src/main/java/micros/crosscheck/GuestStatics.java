package micros.crosscheck;

import micros.compiler.StaticField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static fields of compiled code where the bench's guest holds them: the data the compiler emitted
 * (see {@link StaticField}), read back as a {@link StaticState}, and the byte ranges they occupy.
 */
final class GuestStatics {
    /** A field's data: its address, and for an array where its elements are and how many. */
    private record Placed(StaticField field, long address, int width) {}

    private final BenchRunner bench;
    private final List<Placed> placed = new ArrayList<>();

    GuestStatics(BenchRunner bench, List<StaticField> fields) {
        this.bench = bench;
        for (StaticField f : fields) placed.add(new Placed(f, bench.image().symbol(f.symbol()), width(f)));
    }

    /** Bytes of one value of the field's (element) type. */
    static int width(StaticField f) {
        return switch (f.valueType().descriptorString()) {
            case "J" -> 8;
            case "I" -> 4;
            case "S", "C" -> 2;
            default -> 1;
        };
    }

    StaticState read() {
        Map<StaticField, long[]> values = new LinkedHashMap<>();
        for (Placed p : placed) {
            if (!p.field().type().isArray()) { values.put(p.field(), new long[] {value(p.field(), p.address(), p.width())}); continue; }
            long elements = word(p.address(), 8), n = word(elements - 8, 8);
            long[] v = new long[(int) Math.min(n, 1 << 20)];
            for (int i = 0; i < v.length; i++) v[i] = value(p.field(), elements + (long) i * p.width(), p.width());
            values.put(p.field(), v);
        }
        return new StaticState(values);
    }

    /** [address, length) of every field's data: scalars, array pointers, and arrays' lengths and elements. */
    List<long[]> ranges() {
        List<long[]> ranges = new ArrayList<>();
        for (Placed p : placed) {
            if (!p.field().type().isArray()) { ranges.add(new long[] {p.address(), p.width()}); continue; }
            long elements = bench.image().symbol(p.field().elementsSymbol());
            ranges.add(new long[] {p.address(), 8});
            ranges.add(new long[] {elements - 8, 8 + word(elements - 8, 8) * p.width()});
        }
        return ranges;
    }

    private long value(StaticField f, long address, int width) {
        long raw = word(address, width);
        return switch (f.valueType().descriptorString()) {
            case "I" -> (int) raw;
            case "S" -> (short) raw;
            case "B" -> (byte) raw;
            default -> raw; // long; char and boolean zero-extended
        };
    }

    private long word(long address, int width) {
        byte[] b = bench.machine().readVirtual(address, width);
        long v = 0;
        for (int i = width - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
