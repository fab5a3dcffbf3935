package micros.bench.console;

import micros.bench.disasm.Disassembler;
import micros.bench.machine.Machine;
import micros.bench.machine.StopReason;
import micros.bench.machine.cpu.Msr;
import micros.bench.machine.cpu.Register;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The debugger's command layer: one command line in, its output out. The interactive console
 * ({@code ./micros step}) and the tests both go through {@link #execute}.
 */
public final class Console {
    static final String HELP = """
            s|step [N]              execute N instructions (default 1), show the next
            n|next                  step over a call
            c|continue              run until a breakpoint, a halt or a fault
            b|break SYMBOL|ADDR     stop before that instruction;  d|delete ADDR|SYMBOL
            wa|watch ADDR [LEN] [r|w|rw]  stop after an instruction that reads/writes the LEN bytes
                                    (default 8, w) at the virtual address ADDR;  dw|unwatch ADDR
            bl|breaks               breakpoints and watchpoints
            r|regs                  registers, RFLAGS/CR0/CR3/CR4/EFER decoded, CR2, CS/SS with CPL
            x|mem ADDR [N] [b|w|d|q]  N units of memory at a virtual address
            u|disas [ADDR] [N]      disassemble N instructions (default: 8 at rip)
            w|walk VADDR            page-table walk in the current paging mode: each level's entry
            gdt                     the GDT's descriptors decoded
            idt                     the IDT's present gates: handler, selector, DPL, IST
            tss                     the TSS that TR selects: RSP0-2, IST1-7, I/O map base
            apic                    the local APIC (timer, TPR, IRR/ISR) and the 8259 pair
            fb|framebuffer FILE.png  write the framebuffer as a PNG
            mb|bootinfo             the multiboot2 boot information
            serial                  what COM1 has printed so far
            q|quit""";

    private final Machine m;
    private final Disassembler disassembler = new Disassembler();
    private final Map<Long, Long> breakpoints = new LinkedHashMap<>();
    /** A watchpoint the user set, by its address. */
    private record Watch(long handle, long length, String access) {}
    private final Map<Long, Watch> watches = new LinkedHashMap<>();
    private long budget = 200_000_000;

    public Console(Machine machine) { this.m = machine; }

    /** Runs one command line and returns what it prints; bad input gives a one-line error. */
    public String execute(String line) {
        String[] w = line.trim().split("\\s+");
        if (w[0].isEmpty()) return "";
        try {
            return switch (w[0]) {
                case "s", "step" -> step(w.length > 1 ? number(w[1]) : 1);
                case "n", "next" -> next();
                case "c", "continue" -> report(m.run(budget));
                case "b", "break" -> addBreak(arg(w, 1));
                case "d", "delete" -> deleteBreak(arg(w, 1));
                case "wa", "watch" -> addWatch(address(arg(w, 1)), w.length > 2 ? number(w[2]) : 8, w.length > 3 ? w[3] : "w");
                case "dw", "unwatch" -> deleteWatch(arg(w, 1));
                case "bl", "breaks" -> listBreaks();
                case "r", "regs" -> registers();
                case "x", "mem" -> memory(address(arg(w, 1)), w.length > 2 ? (int) number(w[2]) : 8, w.length > 3 ? w[3] : "q");
                case "u", "disas" -> disassemble(w.length > 1 ? address(w[1]) : m.reg(Register.RIP), w.length > 2 ? (int) number(w[2]) : 8);
                case "w", "walk" -> WalkPrinter.print(m.reg(Register.CR0), m.reg(Register.CR3), m.reg(Register.CR4),
                        m.msr(Msr.EFER), address(arg(w, 1)), m::readPhysical64);
                case "gdt" -> DescriptorTables.gdt(m);
                case "idt" -> DescriptorTables.idt(m);
                case "tss" -> DescriptorTables.tss(m);
                case "apic" -> m.apic().describe() + "\n" + m.pic().describe();
                case "fb", "framebuffer" -> framebuffer(arg(w, 1));
                case "mb", "bootinfo" -> BootInfoPrinter.print(m);
                case "serial" -> m.serial().text();
                case "h", "help" -> HELP;
                default -> "unknown command '" + w[0] + "' (help lists them)";
            };
        } catch (IllegalArgumentException | micros.bench.machine.cpu.CpuAccessException | UncheckedIOException e) {
            return w[0] + ": " + e.getMessage();
        }
    }

    private static String arg(String[] w, int i) {
        if (i >= w.length) throw new IllegalArgumentException("needs an argument");
        return w[i];
    }

    static long number(String s) {
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    /** A symbol, a number (0x... hex), or either plus or minus a number: {@code ist_top-8}, {@code msg+0x4}. */
    long address(String s) {
        Long a = m.symbols().address(s); // a whole symbol first: a name may contain '-' or '+'
        if (a != null) return a;
        int op = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (op > 0) {
            long offset = number(s.substring(op + 1));
            return address(s.substring(0, op)) + (s.charAt(op) == '+' ? offset : -offset);
        }
        if (!Character.isDigit(s.charAt(0))) throw new IllegalArgumentException("no symbol '" + s + "'");
        return number(s);
    }

    private String where(long address) {
        String sym = m.symbols().describe(address);
        return "0x" + Long.toHexString(address) + (sym.isEmpty() ? "" : " <" + sym + ">");
    }

    private String step(long n) {
        StopReason why = m.step(n);
        return (why instanceof StopReason.BudgetExhausted ? "" : why + "\n") + m.describe(m.reg(Register.RIP));
    }

    /** Over a call: run to the instruction after it. */
    private String next() {
        long rip = m.reg(Register.RIP);
        Disassembler.Insn i = disassembler.decode(m.mode(), rip, m.readVirtual(rip, 16));
        if (i == null || !i.mnemonic().equals("call")) return step(1);
        long handle = m.stopAt(rip + i.size(), "the return from " + i.text());
        try {
            StopReason why = m.run(budget);
            return (why instanceof StopReason.Breakpoint ? "" : why + "\n") + m.describe(m.reg(Register.RIP));
        } finally {
            m.clearStop(handle);
        }
    }

    private String report(StopReason why) { return why + "\n" + m.describe(m.reg(Register.RIP)); }

    private String addBreak(String s) {
        long a = address(s);
        breakpoints.computeIfAbsent(a, at -> m.stopAt(at, where(at)));
        return "breakpoint at " + where(a);
    }

    private String deleteBreak(String s) {
        Long h = breakpoints.remove(address(s));
        if (h == null) throw new IllegalArgumentException("no breakpoint at " + s);
        m.clearStop(h);
        return "deleted";
    }

    private String registers() {
        StringBuilder s = new StringBuilder(m.registers());
        long rip = m.reg(Register.RIP), flags = m.reg(Register.RFLAGS);
        s.append("rip    ").append(where(rip)).append('\n');
        s.append("rflags ").append(Decode.rflags(flags)).append('\n');
        long ss = m.reg(Register.SS), cr4 = m.reg(Register.CR4), efer = m.msr(Msr.EFER);
        s.append("cs     0x").append(Long.toHexString(m.reg(Register.CS))).append(" (CPL ").append(m.cpl()).append(", ").append(m.mode()).append("-bit)")
         .append("  ss 0x").append(Long.toHexString(ss)).append(" (RPL ").append(ss & 3).append(")\n");
        s.append("cr0    ").append(Decode.cr0(m.reg(Register.CR0))).append('\n');
        s.append("cr2    0x").append(Long.toHexString(m.reg(Register.CR2))).append(" (the last page-fault address)\n");
        s.append("cr3    ").append(Decode.cr3(m.reg(Register.CR3), cr4, efer)).append('\n');
        s.append("cr4    ").append(Decode.cr4(cr4)).append('\n');
        s.append("efer   ").append(Decode.efer(efer));
        return s.toString();
    }

    private String memory(long address, int count, String unit) {
        int size = switch (unit) { case "b" -> 1; case "w" -> 2; case "d" -> 4; case "q" -> 8;
            default -> throw new IllegalArgumentException("unit '" + unit + "' is not b, w, d or q"); };
        if (count < 1 || count > 4096) throw new IllegalArgumentException("count " + count + " is not 1..4096");
        ByteBuffer b = ByteBuffer.wrap(m.readVirtual(address, count * size)).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder s = new StringBuilder();
        int perLine = 16 / size;
        for (int i = 0; i < count; i++) {
            if (i % perLine == 0) s.append(i == 0 ? "" : "\n").append(String.format("%016x:", address + (long) i * size));
            long v = switch (size) { case 1 -> b.get() & 0xFF; case 2 -> b.getShort() & 0xFFFF; case 4 -> b.getInt() & 0xFFFF_FFFFL; default -> b.getLong(); };
            s.append(' ').append(String.format("%0" + (2 * size) + "x", v));
        }
        return s.toString();
    }

    private String disassemble(long address, int count) {
        StringBuilder s = new StringBuilder();
        long at = address;
        for (int i = 0; i < count; i++) {
            byte[] code = m.readVirtual(at, 16);
            Disassembler.Insn insn = disassembler.decodeAll(m.mode(), at, code).stream().findFirst().orElse(null);
            String sym = m.symbols().describe(at);
            s.append(String.format("%s%016x %-28s %s%n", at == m.reg(Register.RIP) ? "=> " : "   ", at,
                    sym.isEmpty() ? "" : "<" + sym + ">", insn == null ? "(invalid)" : insn.text()));
            if (insn == null) break;
            at += insn.size();
        }
        return s.toString().stripTrailing();
    }

    /** Access kinds: r, w or rw. */
    private String addWatch(long address, long length, String access) {
        if (!access.matches("r|w|rw")) throw new IllegalArgumentException("access '" + access + "' is not r, w or rw");
        if (length < 1 || length > 1 << 20) throw new IllegalArgumentException("length " + length + " is not 1..1048576");
        Watch old = watches.remove(address);
        if (old != null) m.clearWatch(old.handle());
        watches.put(address, new Watch(m.watch(address, length, access.contains("r"), access.contains("w")), length, access));
        return describeWatch(address);
    }

    private String deleteWatch(String s) {
        Watch old = watches.remove(address(s));
        if (old == null) throw new IllegalArgumentException("no watchpoint at " + s);
        m.clearWatch(old.handle());
        return "deleted";
    }

    private String describeWatch(long address) {
        Watch w = watches.get(address);
        return "watchpoint (" + w.access() + ") on " + w.length() + " byte" + (w.length() == 1 ? "" : "s") + " at " + where(address);
    }

    private String listBreaks() {
        if (breakpoints.isEmpty() && watches.isEmpty()) return "no breakpoints or watchpoints";
        return String.join("\n", java.util.stream.Stream.concat(breakpoints.keySet().stream().map(a -> "breakpoint at " + where(a)),
                watches.keySet().stream().map(this::describeWatch)).toList());
    }

    private String framebuffer(String file) {
        if (!file.endsWith(".png")) throw new IllegalArgumentException("'" + file + "' does not end in .png");
        Path path = Path.of(file);
        try {
            m.writeFramebufferPng(path);
            return "wrote " + path + " (" + Files.size(path) + " bytes)";
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
