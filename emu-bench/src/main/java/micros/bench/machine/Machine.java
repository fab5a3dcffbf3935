package micros.bench.machine;

import micros.asm.ElfFile;
import micros.asm.ElfFormatException;
import micros.bench.counting.BlockCounter;
import micros.bench.disasm.Disassembler;
import micros.bench.disasm.Symbols;
import micros.bench.machine.cpu.CpuView;
import micros.bench.machine.cpu.DescriptorTable;
import micros.bench.machine.cpu.Msr;
import micros.bench.machine.cpu.Register;
import micros.bench.machine.cpu.TableRegister;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;
import micros.multiboot2.PlacedModule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated multiboot2 PC around a Unicorn engine: RAM with the PC memory map, COM1, the kernel and
 * modules loaded as GRUB loads them, the boot information written, and the CPU handed to the kernel
 * in 32-bit protected mode exactly as the multiboot2 specification says.
 */
public final class Machine implements CpuView, AutoCloseable {

    private GuestMemory memory;
    private final Unicorn uc;
    private final MachineConfig config;
    private final Serial serial = new Serial();
    private final Pic8259 pic = new Pic8259();
    /** QEMU's isa-debug-exit at 0xf4, which {@code ./micros qemu} attaches too: a write there ends the run. */
    private final IsaDebugExit debugExit = new IsaDebugExit(value -> stopWith(new StopReason.DebugExit(value & 0xFFFF_FFFFL, engine().reg(X86.RIP))));
    private final List<IoDevice> ioDevices = List.of(serial, pic, debugExit);
    private ExternalInterrupts interrupts;
    /** An interrupt the CPU may take: the block hook stopped the run to deliver it. */
    private boolean interruptCheck;
    private MsrInstructions msrs;
    private MissingGibPages missingGibPages;
    private PrivilegeSwitch privilege;
    /** A block about to run for the first time got new hooks: stopped before it ran, to be translated again. */
    private boolean retranslate;
    private long retranslateEnd;
    private final Disassembler disassembler = new Disassembler();
    private CpuFeatures cpu;
    private final Symbols symbols;
    private final long entry;
    private final long bootInfoAddress;
    private final List<PlacedModule> placedModules = new ArrayList<>();
    private final Set<Integer> loggedPorts = new HashSet<>();
    private final Map<Long, Integer> blockInstructions = new HashMap<>();
    /** Where each block seen starts and how many bytes it has: to retranslate them all when hooks change. */
    private final Map<Long, Integer> blockSizes = new HashMap<>();
    /** Blocks that are an {@link IdleLoop#JUMP_TO_ITSELF}; {@code lastBlockSpins}: the last block run is one. */
    private final Set<Long> spinningBlocks = new HashSet<>();
    private boolean lastBlockSpins;
    private final List<String> log = new ArrayList<>();
    /** What the loader warns about: a kernel header real loaders disagree on. */
    private final List<String> warnings = new ArrayList<>();

    private static final int UC_ERR_INSN_INVALID = 10;
    /** Counts instructions in native code; the Java block hook is its slow path (see {@link #countLimit}). */
    private BlockCounter counter;
    private BudgetEnd budgetEnd;
    /** Breakpoints, watchpoints or tracing came or went: translated blocks lack (or carry) their code hooks. */
    private boolean hooksChanged;
    /** The block a block hook stopped the run before (-1: none); see {@link #stopBefore}. */
    private long resumeBlock = -1;
    /** For tests: every block through the Java hook, as before the native counter. */
    private boolean countInJava;
    private InterruptDelivery delivery;
    private FastSystemCalls systemCalls;
    /** Unicorn stepped over a syscall: the bench does what the CPU would (see {@link FastSystemCalls}). */
    private boolean syscallPending;
    private Tracer tracer;
    /** Where the current run started, until execution moves on: a breakpoint there does not fire again. */
    private long resumeAt = -1;
    private long lastBlock = -1;
    private int lastBlockInstructions;
    private long pc;
    private boolean started;
    private StopReason pending;

    private Machine(String name, byte[] kernel, MachineConfig config) {
        this.config = config;
        MultibootKernelHeader.Reading reading = MultibootKernelHeader.read(name, kernel);
        MultibootKernelHeader header = reading.header();
        if (reading.warning() != null) warnings.add(reading.warning());
        MultibootLoader.checkSupported(name, header);
        MultibootKernelHeader.Tag addressTag = header.tag(MultibootKernelHeader.TAG_ADDRESS);
        ElfFile elf = null;
        try {
            elf = ElfFile.read(name, kernel);
        } catch (ElfFormatException e) {
            if (addressTag == null) throw new BootException(e.getMessage()); // loaded by its address tag, a kernel need not be ELF
        }
        this.symbols = new Symbols(elf == null ? List.of() : elf.symbols());
        this.uc = Unicorn.open();
        try {
            uc.setCpuModel(config.cpu().unicornId());
            counter = new BlockCounter(uc.codeHookEntry(this::onBlock));
            budgetEnd = new BudgetEnd(uc, counter, this::instructionAddress, this::stopWith);
            MemoryMap map = config.memoryMap();
            memory = new GuestMemory(uc, map, log::add);
            cpu = CpuFeatures.probe(uc);
            privilege = new PrivilegeSwitch(uc);
            delivery = new InterruptDelivery(this, privilege);
            msrs = new MsrInstructions(uc, log::add);
            systemCalls = new FastSystemCalls(this, privilege, delivery);
            missingGibPages = new MissingGibPages(uc, this, disassembler, delivery, cpu);
            Framebuffer fb = config.framebuffer();
            interrupts = new ExternalInterrupts(uc, counter::executed, delivery, config.instructionsPerApicTick(), log::add,
                    () -> counter.setLimit(-1)); // the APIC changed: the next block asks the Java hook
            long[] image = addressTag == null ? MultibootLoader.load(uc, name, elf, map)
                    : MultibootLoader.load(uc, name, kernel, header.offset(), AddressTag.of(addressTag), map);
            Placement placement = new Placement(map);
            placement.kernel(image[0], image[1]);
            if (!placement.framebuffer(fb)) uc.map(fb.address(), (fb.size() + 0xFFF) & ~0xFFFL, X86.PROT_READ | X86.PROT_WRITE);
            // What has an address given is placed first: a loader that chooses knows what it was told to leave alone.
            List<BootModule> modules = config.modules();
            long[] at = new long[modules.size()];
            for (int i = 0; i < at.length; i++)
                if (modules.get(i).address() != BootModule.LOADER_CHOOSES)
                    at[i] = placement.place(modules.get(i).file() + ": module", modules.get(i).address(), modules.get(i).bytes().length);
            long infoAt = config.bootInfoAddress();
            if (infoAt != BootModule.LOADER_CHOOSES && (infoAt & 7) != 0)
                throw new BootException(String.format("boot information at 0x%x: not 8-byte aligned (multiboot2 3.6)", infoAt));
            List<PlacedModule> unplaced = new ArrayList<>();
            for (BootModule m : modules) unplaced.add(new PlacedModule(0, m.bytes().length, m.string()));
            int infoLength = BootInformation.build(config.cmdline(), unplaced, map, fb).length;  // the addresses do not change it
            long infoPlaced = infoAt == BootModule.LOADER_CHOOSES ? 0 : placement.place("the boot information", infoAt, infoLength);
            for (int i = 0; i < at.length; i++) {
                BootModule m = modules.get(i);
                if (m.address() == BootModule.LOADER_CHOOSES) at[i] = placement.place(m.file() + ": module", m.address(), m.bytes().length);
                uc.write(at[i], m.bytes());
                placedModules.add(new PlacedModule(at[i], at[i] + m.bytes().length, m.string()));
            }
            byte[] info = BootInformation.build(config.cmdline(), placedModules, map, fb);
            if (info.length != infoLength) throw new IllegalStateException("the boot information's size depends on where modules are");
            bootInfoAddress = infoAt == BootModule.LOADER_CHOOSES ? placement.place("the boot information", infoAt, info.length) : infoPlaced;
            uc.write(bootInfoAddress, info);
            entry = MultibootLoader.entryPoint(name, elf, header);
            pc = MultibootLoader.handOff(uc, entry, config.handoffMagic(), bootInfoAddress);
            installHooks();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The emulation engine in use: {@code 2.1.4 (/path/libunicorn.so.2, Debian 2.1.4-1)}. */
    public static String engineVersion() {
        return Unicorn.VERSION_TEXT + " (" + Unicorn.library().library() + ", Debian " + Unicorn.library().version() + ")";
    }

    public static Machine boot(String name, byte[] kernel, MachineConfig config) { return new Machine(name, kernel, config); }

    private void installHooks() {
        uc.hookOut((port, size, value) -> guard(() -> {
            IoDevice d = ioDevice(port);
            if (d != null) d.out(port, value);
            else unknownPort("out", port);
        }));
        uc.hookIn((port, size) -> {
            try {
                IoDevice d = ioDevice(port);
                if (d != null) return d.in(port);
                unknownPort("in", port);
                return 0xFFFF_FFFF >>> (32 - 8 * size);
            } catch (RuntimeException e) {
                fail(e);
                return 0;
            }
        });
        uc.hookSyscall(() -> {
            syscallPending = true;
            uc.stop();
        });
        // Delivery happens outside Unicorn's callback: note the vector, stop, deliver, run on (see run).
        uc.hookInterrupt(vector -> guard(() -> {
            long cr2 = uc.reg(X86.CR2);
            if (vector == 14) delivery.raisePageFault(cr2, uc.reg(X86.RIP));
            else delivery.raise(vector, 0, cr2);
            uc.stop();
        }));
        uc.hookInvalidMemory((type, address, size, value) -> {
            String access = switch (type) {
                case X86.MEM_WRITE_UNMAPPED, X86.MEM_WRITE_PROT -> "write";
                case X86.MEM_FETCH_UNMAPPED, X86.MEM_FETCH_PROT -> "instruction fetch";
                default -> "read";
            };
            try {
                // Unicorn's MMU has translated already: a physical address with no RAM, device or mapping at all.
                if (memory.mapDevicePage(address, interrupts.apic())) return true;
                stopWith(new StopReason.InvalidMemory(access, address, uc.reg(X86.RIP)));
            }
            catch (RuntimeException e) { fail(e); }
            return false;
        });
        uc.hookBlock(counter.callback(), counter.userData());
    }

    /**
     * The block hook's slow path, for a block the native counter does not know or one that reaches its
     * limit: counts the block, stops for an interrupt that is due, and sets the next limit.
     */
    private void onBlock(long address, int size) {
        guard(() -> {
            if (address != resumeAt) resumeAt = -1;
            if (address == entry && !privilege.hasProtectedMode()) privilege.captureProtectedMode();
            int n = instructionsIn(address, size);
            if (retranslate) { // the block has not run: count it when it does
                stopBefore(address);
                return;
            }
            if (lastBlockSpins && !interrupts.canArrive()) {
                resumeBlock = address; // see stopBefore
                stopWith(idle(address, IdleLoop.JUMP_TO_ITSELF));
                return;
            }
            if (interrupts.due()) { // taken before the block, which runs (and counts) when the handler returns
                interruptCheck = true;
                stopBefore(address);
                return;
            }
            if (counter.executed() + n <= budgetEnd.end()) counter.add(n);
            else if (!budgetEnd.crossing(address, size)) {
                stopBefore(address);
                return;
            }
            counter.setLimit(countLimit());
        });
    }

    /**
     * Stops the run before the block at {@code address} runs. Reached by a chained jump, a block starts
     * without RIP brought up to date, so the run loop resumes from the address the hook saw.
     */
    private void stopBefore(long address) {
        resumeBlock = address;
        uc.stop();
    }

    /**
     * The count up to which blocks need no Java: short of the budget's end and of the APIC's next
     * event; none while a run's first block is being left (a breakpoint there must not fire again).
     */
    private long countLimit() {
        if (countInJava || resumeAt != -1) return -1;
        return Math.min(budgetEnd.end(), interrupts.nextEventAtCount() - 1);
    }

    /** For tests: the old way, the Java hook on every block, to compare the native counter with. */
    void countEveryBlockInJava() { countInJava = true; }


    private IoDevice ioDevice(int port) {
        for (IoDevice d : ioDevices) if (d.owns(port)) return d;
        return null;
    }



    private void unknownPort(String what, int port) {
        if (loggedPorts.add(port)) log.add("bench: " + what + " on unknown port 0x" + Integer.toHexString(port) + " ignored");
    }

    private void guard(Runnable r) {
        try { r.run(); } catch (RuntimeException e) { fail(e); }
    }

    private void fail(RuntimeException e) { stopWith(new StopReason.EmulatorError(e.toString())); }

    /** A part's hook failed: the run stops with the error. */
    void failFromHook(RuntimeException e) { fail(e); }

    private void stopWith(StopReason r) {
        if (pending == null) pending = r;
        uc.stop();
    }

    /** Instructions in a translated block, counted once per block address by disassembling it. */
    private int instructionsIn(long address, int size) {
        if (address == lastBlock) return lastBlockInstructions; // loops run the same block again and again
        Integer n = blockInstructions.get(address);
        if (n == null) {
            java.util.List<Disassembler.Insn> insns = disassembler.decodeAll(mode(), address, readVirtual(address, size));
            n = Math.max(1, insns.size());
            if (IdleLoop.spins(address, insns)) spinningBlocks.add(address);
            if (msrs.hookNew(insns) | missingGibPages.hookNew(insns)) {
                retranslate = true;
                retranslateEnd = address + size;
            }
            blockInstructions.put(address, n);
            blockSizes.put(address, size);
            // A spinning block stays with the Java hook, which stops the run when nothing can interrupt it.
            if (address != -1 && !spinningBlocks.contains(address)) counter.learn(address, n);
        }
        lastBlock = address;
        lastBlockInstructions = n;
        lastBlockSpins = spinningBlocks.contains(address);
        return n;
    }

    private long instructionAddress(long block, int size, int index) {
        return disassembler.decodeAll(mode(), block, readVirtual(block, size)).get(index).address();
    }

    /**
     * Runs at most {@code budget} instructions (0: no limit) and says why it stopped. A {@code hlt}
     * ends Unicorn's run; the bench then decides from IF whether that is a clean halt.
     */
    public StopReason run(long budget) {
        if (hooksChanged) retranslateAll();
        budgetEnd.start(budget);
        try {
            return runUntilStop(budget);
        } finally {
            budgetEnd.finish();
        }
    }

    private StopReason runUntilStop(long budget) {
        long before = counter.executed();
        resumeAt = pc;
        if (started) clearExceptionState();
        started = true; // not after a delivery: a breakpoint on a handler fires
        while (true) {
            pending = null;
            delivery.clear();
            if (budget > 0 && counter.executed() - before >= budget) return new StopReason.BudgetExhausted(budget);
            counter.setLimit(countLimit());
            int err = uc.startReturningError(pc, -1L, 0); // no count: Unicorn's counting hooks every instruction
            pc = uc.reg(X86.RIP);
            if (resumeBlock != -1) {
                if (pc != resumeBlock) uc.setReg(X86.RIP, resumeBlock);
                pc = resumeBlock;
                resumeBlock = -1;
            }
            if (tracer != null) tracer.finish();
            if (pending != null) return pending;
            boolean handled = handleStop(err);
            if (delivery.pending()) {
                StopReason failed = delivery.deliverPending();
                if (failed != null) return failed;
            } else if (!handled) return stopReason(err, budget);
            pc = uc.reg(X86.RIP);
        }
    }

    /**
     * Unicorn never completes an exception delivery itself, so QEMU's record of the exception in flight stays
     * set and, after a run stopped from a hook, turns the next fault into a #DF or swallows it. Re-entering
     * the current ring from a clean context clears it.
     */
    private void clearExceptionState() {
        privilege.enter(cpl(), (int) uc.reg(X86.CS), (int) uc.reg(X86.SS));
    }

    /**
     * The stops the bench handles itself and then runs on from: a block to translate again, an APIC
     * interrupt, syscall, an invalid opcode (#UD), hlt with IF set. Faults it raises are delivered
     * by the caller. False when the stop ends the run.
     */
    private boolean handleStop(int err) {
        if (retranslate) {
            retranslate = false;
            uc.removeTranslations(pc, retranslateEnd); // the run stopped at the block's start
            clearExceptionState();
        } else if (budgetEnd.armWanted()) {
            clearExceptionState();
        } else if (missingGibPages.changed()) {
            missingGibPages.apply();
            clearExceptionState();
        } else if (interruptCheck) { // IF may have been cleared since the block hook saw it set
            interruptCheck = false;
            if (!interrupts.takeInterrupt()) clearExceptionState(); // a delivery clears it too
        } else if (syscallPending) {
            syscallPending = false;
            systemCalls.syscall();
        } else if (err == UC_ERR_INSN_INVALID || delivery.pending() && delivery.vector() == 6) {
            delivery.clear();
            delivery.raise(6, 0, 0); // Unicorn stops on an invalid opcode instead of raising #UD
        } else if (err == 0 && !delivery.pending() && isHaltedAt(pc) && (uc.reg(X86.EFLAGS) & X86Bits.RFLAGS_IF) != 0) {
            if (!interrupts.idleUntilInterrupt()) return false;
            if (!delivery.pending()) clearExceptionState();
        } else {
            return false;
        }
        return true;
    }

    private StopReason stopReason(int err, long budget) {
        if (err != 0) return new StopReason.EmulatorError("uc_emu_start: " + Unicorn.strerror(err) + " at " + describe(pc));
        // Budget stops come from hooks (see BudgetEnd); a hlt that used the budget's last instruction still halts.
        if (isHaltedAt(pc)) {
            return (uc.reg(X86.EFLAGS) & X86Bits.RFLAGS_IF) == 0 ? new StopReason.Halted(pc) : idle(pc - 1, IdleLoop.HALT_WITH_INTERRUPTS_ON);
        }
        if (budget > 0) return new StopReason.BudgetExhausted(budget);
        return new StopReason.EmulatorError("emulation stopped at " + describe(pc) + " for no known reason");
    }

    /** Executes exactly {@code n} instructions (or fewer, if something stops it first): a run with that budget. */
    public StopReason step(long n) {
        return n < 1 ? new StopReason.BudgetExhausted(n) : run(n);
    }

    /**
     * Unicorn decides at translation whether a block calls code hooks: after hooks come or go, every block
     * seen is translated again (the blocks of one address each, not UC_CTL_TB_FLUSH: see {@link Unicorn#removeTranslations}).
     */
    private void retranslateAll() {
        hooksChanged = false;
        for (Map.Entry<Long, Integer> b : blockSizes.entrySet()) uc.removeTranslations(b.getKey(), b.getKey() + b.getValue());
    }

    private StopReason.Idle idle(long at, IdleLoop loop) {
        return new StopReason.Idle(at, loop, modeName(), cpl(), (uc.reg(X86.EFLAGS) & X86Bits.RFLAGS_IF) != 0);
    }

    /** Unicorn leaves RIP just past a hlt it stopped on. */
    private boolean isHaltedAt(long rip) {
        try { return (readVirtual(rip - 1, 1)[0] & 0xFF) == 0xF4; } catch (UnicornException e) { return false; }
    }

    /**
     * Prepares a System V call of {@code function} with {@code args} on a stack ending at {@code stackTop}
     * (identity-mapped RAM), returning to {@code returnTo}; {@link #run} then executes it.
     */
    public void prepareCall(long function, long returnTo, long stackTop, long... args) {
        int[] regs = {X86.RDI, X86.RSI, X86.RDX, X86.RCX, X86.R8, X86.R9};
        if (args.length > regs.length) throw new IllegalArgumentException("at most 6 arguments, got " + args.length);
        for (int i = 0; i < args.length; i++) uc.setReg(regs[i], args[i]);
        long rsp = (stackTop & ~15L) - 8; // as after a call: the return address, 16-byte aligned above it
        uc.write64(rsp, returnTo);
        uc.setReg(X86.RSP, rsp);
        pc = function;
    }

    /** Writes one line per instruction to {@code out} from now on (see {@link Tracer}). */
    public void trace(java.io.OutputStream out) { trace(out, false); }

    /** {@code exhaustive}: every register read after every instruction, to check the tracer's selection. */
    void trace(java.io.OutputStream out, boolean exhaustive) {
        Tracer t = new Tracer(this, out, exhaustive);
        tracer = t;
        hooksChanged = true;
        uc.hookCode((address, size) -> {
            try { t.step(address, size, disassembler); } catch (RuntimeException e) { fail(e); }
        }, 1, 0);
    }

    /** With a trace on, a line for a vector the bench has just delivered: where the handler starts. */
    void traceNote(int vector, boolean external, long errorCode) {
        if (tracer == null) return;
        String error = Vectors.hasErrorCode(vector) && !external ? ", error code 0x" + Long.toHexString(errorCode) : "";
        tracer.note("vector " + vector + " (" + (external ? "external interrupt" : Vectors.name(vector)) + error + ") delivered to "
                + describe(uc.reg(X86.RIP)).replaceFirst(":.*", "") + (vector == 14 ? ", cr2 0x" + Long.toHexString(uc.reg(X86.CR2)) : ""));
    }

    /** With a trace on, a line about what the bench did between two instructions. */
    void traceNote(String text) {
        if (tracer != null) tracer.note(text);
    }

    /** Stops before the instruction at {@code address} runs; {@code name} says where in the stop reason. Returns a handle for {@link #clearStop}. */
    public long stopAt(long address, String name) {
        hooksChanged = true;
        return uc.hookCode((at, size) -> guard(() -> {
            if (at == resumeAt) { resumeAt = -1; return; } // resuming from this breakpoint: run its instruction
            stopWith(new StopReason.Breakpoint(name, at));
        }), address, address);
    }

    public void clearStop(long handle) {
        uc.removeHook(handle);
        hooksChanged = true;
    }

    // --- watchpoints -----------------------------------------------------------------------

    private Watchpoints watchpoints;

    /**
     * Stops after any instruction that reads and/or writes a byte of [begin, begin + length) with a
     * {@link StopReason.Watchpoint}. The addresses are virtual, as a debug register's are (see
     * {@link Watchpoints}). Returns a handle for {@link #clearWatch}.
     */
    public long watch(long begin, long length, boolean read, boolean write) {
        if (watchpoints == null) watchpoints = new Watchpoints(uc, this, memory, this::stopWith);
        hooksChanged = true;
        return watchpoints.add(begin, length, read, write);
    }

    public void clearWatch(long handle) {
        if (watchpoints == null) throw new IllegalArgumentException("no watchpoint with handle " + handle);
        watchpoints.clear(handle);
        hooksChanged = true;
    }

    /** Starts logging every memory write the guest makes, until the log is closed. */
    public WriteLog logWrites() { return new WriteLog(uc); }


    @Override public byte[] readVirtual(long address, int length) { return memory.readVirtual(address, length); }

    @Override public void writeVirtual(long address, byte[] bytes) { memory.writeVirtual(address, bytes); }

    @Override public byte[] readPhysical(long address, int length) { return uc.read(address, length); }

    @Override public long readPhysical64(long address) { return uc.read64(address); }

    /** Writes bytes at a physical address (test harnesses changing what a loader left, before the kernel runs). */
    public void writePhysical(long address, byte[] bytes) { uc.write(address, bytes); }

    @Override public long reg(Register r) { return uc.reg(EngineIds.of(r)); }

    @Override public void setReg(Register r, long value) {
        if (r == Register.RIP) jumpTo(value);
        else uc.setReg(EngineIds.of(r), value);
    }

    @Override public long msr(Msr m) { return uc.msr(m.number()); }

    @Override public TableRegister tableRegister(DescriptorTable t) {
        Unicorn.TableRegister r = uc.tableRegister(EngineIds.of(t));
        return new TableRegister(r.selector(), r.base(), r.limit(), r.flags());
    }

    @Override public void setTableRegister(DescriptorTable t, TableRegister v) {
        uc.setTableRegister(EngineIds.of(t), new Unicorn.TableRegister(v.selector(), v.base(), v.limit(), v.flags()));
    }

    /** Translates a virtual address with the page walk the CPU does in its current mode (paging on). */
    public PageWalk.Result walk(long virtual) { return memory.walk(virtual); }

    /** Machine time, in instructions: those executed and those the CPU spent halted, what the APIC timer counts. */
    public long time() { return interrupts.time(); }

    public long pc() { return pc; }

    /** Continues the next run at {@code rip} (a debugger's {@code jump}): RIP alone would be overwritten by the next run. */
    public void jumpTo(long rip) {
        uc.setReg(X86.RIP, rip);
        pc = rip;
    }


    /** The framebuffer as an image. */
    public java.awt.image.BufferedImage framebufferImage() {
        Framebuffer fb = config.framebuffer();
        return fb.image(uc.read(fb.address(), (int) fb.size()));
    }

    /** Writes the framebuffer as a PNG. */
    public void writeFramebufferPng(java.nio.file.Path file) throws java.io.IOException {
        if (!javax.imageio.ImageIO.write(framebufferImage(), "png", file.toFile())) throw new java.io.IOException(file + ": no PNG writer");
    }

    // --- inspection ------------------------------------------------------------------------

    @Override public int mode() {
        long efer = uc.msr(X86.MSR_EFER);
        if ((efer & X86Bits.EFER_LMA) == 0) return 32;
        long cs = uc.reg(X86.CS);
        long gdtBase = uc.tableRegister(X86.GDTR).base();
        long desc = java.nio.ByteBuffer.wrap(readVirtual(gdtBase + (cs & ~7L), 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return (desc & (1L << 53)) != 0 ? 64 : 32;
    }

    @Override public String modeName() {
        boolean paging = (uc.reg(X86.CR0) & X86Bits.CR0_PG) != 0;
        return (mode() == 64 ? "64-bit long mode" : "32-bit protected mode") + ", paging " + (paging ? "on" : "off");
    }

    @Override public int cpl() { return (int) (uc.reg(X86.CS) & 3); }

    public boolean pagingEnabled() { return memory.pagingEnabled(); }

    @Override public String describe(long rip) {
        String sym = symbols.describe(rip);
        String where = "0x" + Long.toHexString(rip) + (sym.isEmpty() ? "" : " <" + sym + ">");
        try {
            byte[] code;
            try { code = readVirtual(rip, 16); } catch (UnicornException e) { code = readVirtual(rip, (int) (4096 - (rip & 0xFFF))); } // the next page is unmapped
            Disassembler.Insn i = disassembler.decode(mode(), rip, code);
            return where + ": " + (i == null ? "(invalid instruction)" : i.text());
        } catch (UnicornException e) {
            return where + ": (not readable)";
        }
    }

    public String registers() {
        String[] names = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags", "cr0", "cr2", "cr3", "cr4"};
        int[] ids = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP, X86.R8, X86.R9, X86.R10, X86.R11,
            X86.R12, X86.R13, X86.R14, X86.R15, X86.RIP, X86.EFLAGS, X86.CR0, X86.CR2, X86.CR3, X86.CR4};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            s.append(String.format("%-6s %016x", names[i], uc.reg(ids[i])));
            s.append(i % 4 == 3 ? "\n" : "  ");
        }
        s.append(String.format("cs %04x  ss %04x  efer %x%n", uc.reg(X86.CS), uc.reg(X86.SS), uc.msr(X86.MSR_EFER)));
        return s.toString();
    }

    /** What the CPU model reports through CPUID (NX, SYSCALL, 1 GiB pages, MAXPHYADDR). */
    CpuFeatures cpuFeatures() { return cpu; }

    /** The memory accesses of the instruction at {@code rip} (for page-fault error codes). */
    Disassembler.MemoryAccess memoryAccess(long rip) {
        return disassembler.memoryAccess(mode(), rip, readVirtual(rip, (int) Math.min(15, 4096 - (rip & 0xFFF))));
    }

    /** The engine, for the machine's own parts (delivery, system calls, the tracer); front ends use the {@link CpuView}. */
    Unicorn engine() { return uc; }
    public Serial serial() { return serial; }
    public LocalApic apic() { return interrupts.apic(); }
    public Pic8259 pic() { return pic; }
    @Override public Symbols symbols() { return symbols; }
    public long entry() { return entry; }
    public long bootInfoAddress() { return bootInfoAddress; }
    public List<PlacedModule> modules() { return List.copyOf(placedModules); }
    public long instructionsExecuted() { return counter.executed(); }
    public List<String> log() { return List.copyOf(log); }
    /** Lines the loader warns with (a header one real loader would refuse, say), for front ends to print before running. */
    public List<String> warnings() { return List.copyOf(warnings); }

    static long alignUp(long v, long a) { return (v + a - 1) & -a; }

    @Override public void close() {
        uc.close();
        if (counter != null) counter.close();
        disassembler.close();
        if (memory != null) memory.close();
    }
}
