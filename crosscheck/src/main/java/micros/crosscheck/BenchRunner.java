package micros.crosscheck;

import micros.asm.ElfImage;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.bench.machine.cpu.Register;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.kernel.boot.KernelImage;

import java.lang.constant.MethodTypeDesc;
import java.util.List;

/**
 * Runs compiled kernel-Java methods as machine code: the compiled module is linked into the real kernel,
 * which boots in the bench to long mode (identity-mapped memory, 64-bit code); then each method is called
 * there with a System V call that returns into the kernel's halt loop.
 */
public final class BenchRunner implements AutoCloseable {
    /** A scratch stack in conventional memory, identity-mapped by the kernel: the calls use at most STACK_SIZE of it. */
    static final long STACK_TOP = 0x80000, STACK_SIZE = 0x40000;
    public static final long RAM = 256L << 20;
    /** The compiled code's halt loop ({@code cli; hlt; jmp}): where Kernel.halt and a panic end. */
    static final String RUNTIME_HALT = "micros.runtime.halt";

    /** A call that did not return: a panic, a halt, an exception, the budget. */
    public static sealed class Fault extends RuntimeException permits Halt {
        Fault(String message) { super(message); }
    }

    /** A call that stopped the machine for good with {@code Kernel.halt} (its verdict is what it wrote to COM1). */
    public static final class Halt extends Fault {
        Halt() { super("halted"); }
    }

    private final Compiler.Result compiled;
    private final ElfImage image;
    private final Machine machine;
    private long instructions;
    private String console = "";

    public BenchRunner(Compiler.Result compiled) { this(compiled, List.of()); }

    /** With more modules (hand-written routines to compare against) linked in too. */
    public BenchRunner(Compiler.Result compiled, List<micros.asm.AssembledModule> extra) {
        this.compiled = compiled;
        List<micros.asm.AssembledModule> modules = new java.util.ArrayList<>(extra);
        modules.addFirst(compiled.module());
        this.image = KernelImage.build(modules);
        this.machine = Machine.boot("micros.elf+compiled", image.bytes(), MachineConfig.defaults().withRam(RAM));
        StopReason boot = machine.run(10_000_000);
        if (!(boot instanceof StopReason.Halted)) throw new Fault("the kernel did not boot: " + boot);
    }

    /** Calls {@code m} with {@code args}; the result as the JVM would see it (ints sign-extended). */
    public long call(MethodRef m, long... args) {
        String symbol = compiled.symbols().get(m);
        if (symbol == null) throw new IllegalArgumentException(m + " was not compiled");
        return resultOf(m.type(), callSymbol(symbol, args));
    }

    /** Calls the function at {@code symbol}; returns rax. */
    public long callSymbol(String symbol, long... args) {
        int before = machine.serial().text().length();
        machine.prepareCall(image.symbol(symbol), image.symbol("halt"), STACK_TOP, args);
        long start = machine.instructionsExecuted();
        StopReason why = machine.run(50_000_000);
        instructions = machine.instructionsExecuted() - start;
        String out = machine.serial().text().substring(before);
        console = out;
        // A panic prints its line and halts in the runtime's halt loop; Kernel.halt jumps to that loop.
        if (why instanceof StopReason.Halted && out.startsWith("panic: ")) throw new Fault(out.strip());
        if (why instanceof StopReason.Halted h && h.rip() == image.symbol(RUNTIME_HALT) + 2) throw new Halt();
        if (!(why instanceof StopReason.Halted h) || h.rip() != image.symbol("halt") + 2)
            throw new Fault(symbol + " did not return: " + why + (out.isEmpty() ? "" : ", COM1: " + out.strip()));
        return machine.reg(Register.RAX);
    }

    static long resultOf(MethodTypeDesc t, long rax) {
        return switch (t.returnType().descriptorString()) {
            case "J" -> rax;
            case "V" -> 0;
            default -> (int) rax;
        };
    }

    /** Instructions the last call executed (counted per basic block, the hlt included). */
    public long lastInstructions() { return instructions; }

    /** What the last call wrote to COM1. */
    public String lastConsole() { return console; }

    public Machine machine() { return machine; }

    public ElfImage image() { return image; }

    @Override public void close() { machine.close(); }
}
