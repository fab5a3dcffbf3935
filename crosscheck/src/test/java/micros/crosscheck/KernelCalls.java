package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A sequence of calls of the kernel's kernel-Java run side by side ({@link SideBySide}) from the starting
 * state, the way the kernel makes them: one after another on the state the last left, until one halts (a
 * halted kernel runs nothing more). Fails at the first difference, naming the calls made so far.
 */
final class KernelCalls {
    static final ClassSource SOURCE = new ClassSource(KernelCalls.class.getClassLoader());

    private final SideBySide sides;
    private final List<String> made = new ArrayList<>();
    private SideBySide.Outcome last;

    /** Starts a sequence on {@code sides}, from the starting state. */
    KernelCalls(SideBySide sides) {
        this.sides = sides;
        sides.reset();
    }

    static MethodRef method(Class<?> owner, String name) { return Compiler.method(SOURCE, owner.getName(), name); }

    /** The methods compiled together, with everything they call. */
    static Compiler.Result compile(List<MethodRef> methods) { return Compiler.compile(SOURCE, methods); }

    /** Side by side over {@code compiled} (the JVM side from this module's classes). */
    static SideBySide sides(Compiler.Result compiled) { return new SideBySide(KernelCalls.class.getClassLoader(), compiled); }

    /** Calls {@code m} on both sides unless an earlier call halted; fails when they disagree. */
    KernelCalls call(MethodRef m, long... args) {
        if (halted()) return this;
        StringBuilder call = new StringBuilder(m.owner().substring(m.owner().lastIndexOf('/') + 1)).append('.').append(m.name()).append('(');
        for (int i = 0; i < args.length; i++) call.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(args[i]));
        made.add(call.append(')').toString());
        last = sides.call(m, args);
        if (!last.agree()) fail("after " + made.getLast() + " (jvm " + last.jvm() + ", bench " + last.bench() + "): " + last.difference() + "\ncalls: " + made);
        return this;
    }

    /** Whether a call halted the machine (both sides: they agree). */
    boolean halted() { return last != null && last.halted(); }

    /** How the last call ended (the JVM's account, which the bench's agrees with): its value or halt, and its console text. */
    String lastOutcome() { return last == null ? "" : last.jvm(); }
}
