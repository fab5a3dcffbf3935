package micros.crosscheck;

import micros.compiler.StaticField;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the static fields compiled code uses, as one side holds them: a scalar as one value, an
 * array element by element, each widened to a long the way the JVM widens it (char and boolean unsigned).
 */
public record StaticState(Map<StaticField, long[]> values) {
    /** The fields' values in the classes {@code loader} has loaded (initializing any it has not yet). */
    public static StaticState ofJvm(ClassLoader loader, List<StaticField> fields) {
        Map<StaticField, long[]> values = new LinkedHashMap<>();
        for (StaticField f : fields) {
            Object v;
            try {
                Field field = Class.forName(f.owner().replace('/', '.'), true, loader).getDeclaredField(f.name());
                field.setAccessible(true);
                v = field.get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(f.display() + ": cannot read on the JVM: " + e, e);
            }
            if (!f.type().isArray()) { values.put(f, new long[] {widen(v)}); continue; }
            long[] elements = new long[Array.getLength(v)];
            for (int i = 0; i < elements.length; i++) elements[i] = widen(Array.get(v, i));
            values.put(f, elements);
        }
        return new StaticState(values);
    }

    static long widen(Object v) {
        return switch (v) {
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Character c -> c;
            case Byte b -> b;
            case Boolean b -> b ? 1 : 0;
            default -> throw new IllegalArgumentException("static value " + v + " is not kernel-Java");
        };
    }

    /**
     * The first field whose values differ, in the fields' order, as {@code Counter.calls: jvm 1, bench 2} (an
     * array's element as {@code Statics.PRIMES[3]}); null when every value agrees.
     */
    public static String firstDifference(StaticState jvm, StaticState bench) {
        for (Map.Entry<StaticField, long[]> e : jvm.values.entrySet()) {
            StaticField f = e.getKey();
            long[] j = e.getValue(), b = bench.values.get(f);
            if (b == null) return f.display() + ": not in the bench's state";
            if (!f.type().isArray()) {
                if (j[0] != b[0]) return f.display() + ": jvm " + j[0] + ", bench " + b[0];
                continue;
            }
            if (j.length != b.length) return f.display() + ".length: jvm " + j.length + ", bench " + b.length;
            for (int i = 0; i < j.length; i++)
                if (j[i] != b[i]) return f.display() + "[" + i + "]: jvm " + j[i] + ", bench " + b[i];
        }
        return null;
    }
}
