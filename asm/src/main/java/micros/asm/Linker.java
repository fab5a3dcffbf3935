package micros.asm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links assembled modules into an executable image. Sections of the same name from all modules are
 * concatenated into one output section, which becomes one loadable segment. Sections are placed where
 * {@link #segment} says, in that order; the others follow, each on the next 4 KiB page.
 */
public final class Linker {
    private record Placement(long vaddr, long paddr) {}

    /** One module's piece of an output section. */
    private record Piece(int module, AssembledSection section, long offset) {}

    private static final class Output {
        final String name;
        Section.Kind kind;
        final List<Piece> pieces = new ArrayList<>();
        long size;
        int alignment = 1;
        long vaddr, paddr;

        Output(String name) { this.name = name; }
    }

    private final List<AssembledModule> modules = new ArrayList<>();
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private long base = 0x100000;
    private String entry;

    public Linker add(AssembledModule m) { modules.add(m); return this; }

    /** Where unplaced sections start when no section is placed before them (default 1 MiB). */
    public Linker base(long address) { base = address; return this; }

    public Linker segment(String section, long vaddr) { return segment(section, vaddr, vaddr); }

    public Linker segment(String section, long vaddr, long paddr) {
        placements.put(section, new Placement(vaddr, paddr));
        return this;
    }

    public Linker entry(String symbol) { entry = symbol; return this; }

    public ElfImage link() {
        List<Output> outputs = collect();
        place(outputs);
        Map<String, Long> globals = new HashMap<>();
        List<Map<String, Long>> locals = new ArrayList<>();
        List<ElfSymbol> symbols = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) locals.add(new HashMap<>());
        for (Output o : outputs) {
            for (Piece p : o.pieces) {
                List<Map.Entry<String, Long>> labels = new ArrayList<>(p.section().labels().entrySet());
                labels.sort(Map.Entry.comparingByValue());
                for (int k = 0; k < labels.size(); k++) {
                    String name = labels.get(k).getKey();
                    long at = labels.get(k).getValue();
                    long address = o.vaddr + p.offset() + at;
                    // A symbol ends at the next label that is not one of its own ("name.xyz" labels inside it).
                    long end = p.section().size();
                    for (int j = k + 1; j < labels.size(); j++)
                        if (!labels.get(j).getKey().startsWith(name + ".")) { end = labels.get(j).getValue(); break; }
                    boolean global = modules.get(p.module()).globals().contains(name);
                    locals.get(p.module()).put(name, address);
                    if (global && globals.put(name, address) != null) throw new AsmException("symbol " + name + " is defined in two modules");
                    symbols.add(new ElfSymbol(name, address, end - at, o.kind == Section.Kind.CODE, global));
                }
            }
        }
        for (int i = 0; i < modules.size(); i++)
            for (String g : modules.get(i).globals())
                if (!locals.get(i).containsKey(g)) throw new AsmException("global symbol " + g + " is never defined");
        List<ElfSegment> segments = new ArrayList<>();
        for (Output o : outputs) segments.add(segment(o, locals, globals));
        long entryAddress = 0;
        if (entry != null) {
            Long e = globals.getOrDefault(entry, findLocal(locals, entry));
            if (e == null) throw new AsmException("entry symbol " + entry + " is not defined");
            entryAddress = e;
        }
        return new ElfImage(entryAddress, List.copyOf(segments), List.copyOf(symbols));
    }

    private static Long findLocal(List<Map<String, Long>> locals, String name) {
        for (Map<String, Long> m : locals) if (m.containsKey(name)) return m.get(name);
        return null;
    }

    private List<Output> collect() {
        Map<String, Output> byName = new LinkedHashMap<>();
        for (String placed : placements.keySet()) byName.put(placed, new Output(placed));
        for (int i = 0; i < modules.size(); i++) {
            for (AssembledSection s : modules.get(i).sections()) {
                if (s.size() == 0 && s.labels().isEmpty()) continue;
                Output o = byName.computeIfAbsent(s.section().name(), Output::new);
                if (o.kind != null && o.kind != s.section().kind())
                    throw new AsmException("section " + o.name + " is " + o.kind + " in one module and " + s.section().kind() + " in another");
                o.kind = s.section().kind();
                long offset = alignUp(o.size, s.alignment());
                o.pieces.add(new Piece(i, s, offset));
                o.size = offset + s.size();
                o.alignment = Math.max(o.alignment, s.alignment());
            }
        }
        for (Output o : byName.values())
            if (o.kind == null) throw new AsmException("section " + o.name + " is placed but no module has it");
        return new ArrayList<>(byName.values());
    }

    private void place(List<Output> outputs) {
        long nextV = base, nextP = base;
        for (Output o : outputs) {
            Placement p = placements.get(o.name);
            if (p != null) { o.vaddr = p.vaddr(); o.paddr = p.paddr(); }
            else { o.vaddr = alignUp(nextV, 4096); o.paddr = alignUp(nextP, 4096); }
            if (o.vaddr % o.alignment != 0) throw new AsmException("section " + o.name + " at " + Mem.hex(o.vaddr) + " is not aligned to " + o.alignment);
            nextV = o.vaddr + o.size;
            nextP = o.paddr + o.size;
        }
        for (Output a : outputs)
            for (Output b : outputs)
                if (a != b && a.paddr < b.paddr + b.size && b.paddr < a.paddr + a.size && a.size > 0 && b.size > 0)
                    throw new AsmException("sections " + a.name + " and " + b.name + " overlap");
    }

    private ElfSegment segment(Output o, List<Map<String, Long>> locals, Map<String, Long> globals) {
        boolean bss = o.kind == Section.Kind.BSS;
        byte[] bytes = bss ? new byte[0] : new byte[(int) o.size];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Piece p : o.pieces) {
            if (!bss) System.arraycopy(p.section().bytes(), 0, bytes, (int) p.offset(), p.section().bytes().length);
            for (Reloc r : p.section().relocs()) {
                Long target = locals.get(p.module()).get(r.symbol());
                if (target == null) target = globals.get(r.symbol());
                long field = p.offset() + r.offset();
                if (target == null) throw new AsmException("undefined symbol " + r.symbol() + " (referenced from " + o.name + "+0x" + Long.toHexString(field) + ")");
                patch(buf, (int) field, r, target + r.addend(), o.vaddr + field, o.name);
            }
        }
        int flags = switch (o.kind) {
            case CODE -> ElfSegment.R | ElfSegment.X;
            case RODATA -> ElfSegment.R;
            case DATA, BSS -> ElfSegment.R | ElfSegment.W;
        };
        return new ElfSegment(o.name, o.vaddr, o.paddr, bytes, o.size, flags);
    }

    private static void patch(ByteBuffer buf, int at, Reloc r, long value, long fieldAddress, String section) {
        String where = r.symbol() + " in " + section + "+0x" + Long.toHexString(at);
        switch (r.kind()) {
            case ABS64 -> buf.putLong(at, value);
            case ABS32 -> {
                if (value < 0 || value > 0xFFFF_FFFFL) throw new AsmException("address of " + where + " (" + Mem.hex(value) + ") does not fit in 32 bits");
                buf.putInt(at, (int) value);
            }
            case ABS32S -> {
                if (value != (int) value) throw new AsmException("address of " + where + " (" + Mem.hex(value) + ") does not fit a sign-extended 32-bit field");
                buf.putInt(at, (int) value);
            }
            case PC32 -> {
                long rel = value - fieldAddress;
                if (rel != (int) rel) throw new AsmException("relative reference to " + where + " is out of 32-bit range");
                buf.putInt(at, (int) rel);
            }
        }
    }

    static long alignUp(long v, long a) { return (v + a - 1) & -a; }
}
