package micros.crosscheck;

import micros.compiler.MethodRef;
import micros.magic.KernelPanic;
import micros.magic.sim.MachineHalted;

import java.lang.constant.ClassDesc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs a kernel-Java method on the JVM (its magic calls go to whatever simulated machine is installed); a
 * panic or a halt ends the call as a {@link BenchRunner.Fault} of the same kind the bench reports.
 */
public final class JvmRunner {
    private JvmRunner() {}

    public static long call(ClassLoader loader, MethodRef m, long... args) {
        try {
            Class<?> owner = Class.forName(m.owner().replace('/', '.'), true, loader);
            ClassDesc[] params = m.type().parameterArray();
            Class<?>[] types = new Class<?>[params.length];
            Object[] values = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                switch (params[i].descriptorString()) {
                    case "J" -> { types[i] = long.class; values[i] = args[i]; }
                    case "I" -> { types[i] = int.class; values[i] = (int) args[i]; }
                    case "S" -> { types[i] = short.class; values[i] = (short) args[i]; }
                    case "C" -> { types[i] = char.class; values[i] = (char) args[i]; }
                    case "B" -> { types[i] = byte.class; values[i] = (byte) args[i]; }
                    case "Z" -> { types[i] = boolean.class; values[i] = args[i] != 0; }
                    default -> throw new IllegalArgumentException(m + ": parameter " + params[i].displayName() + " is not kernel-Java");
                }
            }
            Method method = owner.getDeclaredMethod(m.name(), types);
            method.setAccessible(true);
            Object r = method.invoke(null, values);
            return switch (r) {
                case null -> 0;
                case Long l -> l;
                case Integer n -> n;
                case Short n -> n;
                case Byte n -> n;
                case Character c -> c;
                case Boolean b -> b ? 1 : 0;
                default -> throw new IllegalStateException("result " + r);
            };
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof BenchRunner.Fault f) throw f;
            if (e.getCause() instanceof MachineHalted) throw new BenchRunner.Halt();
            if (e.getCause() instanceof KernelPanic p) throw new BenchRunner.Fault("panic: " + p.getMessage());
            if (e.getCause() instanceof ArithmeticException a) throw new BenchRunner.Fault("panic: " + a.getMessage());
            if (e.getCause() instanceof ArrayIndexOutOfBoundsException a) throw new BenchRunner.Fault("panic: " + a.getMessage());
            throw new IllegalStateException(m + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(m + ": " + e, e);
        }
    }
}
