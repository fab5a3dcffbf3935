package micros.asm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of one section while it is assembled: a list of chunks whose sizes are known except
 * for relative branches, which start short and grow to near until every target fits (relaxation).
 */
final class SectionBuffer {
    sealed interface Chunk permits Bytes, Branch, Align, LabelDef, Space {}

    record Bytes(byte[] bytes, List<Reloc> relocs, String text) implements Chunk {}

    /** jmp/jcc/call to a label; calls and cross-section targets are always near. */
    record Branch(int mode, Cond cond, boolean call, String target, String text) implements Chunk {
        int shortSize() { return 2; }

        int nearSize() { return call || cond == null ? 5 : 6; }
    }

    record Align(int alignment, boolean code) implements Chunk {}

    record LabelDef(String name) implements Chunk {}

    record Space(long size) implements Chunk {}

    final Section section;
    final List<Chunk> chunks = new ArrayList<>();
    int alignment = 1;

    SectionBuffer(Section section) { this.section = section; }

    void add(Chunk c) {
        if (section.kind() == Section.Kind.BSS && (c instanceof Bytes || c instanceof Branch))
            throw new AsmException(section.name() + ": only labels, alignment and space may go in a bss section");
        if (c instanceof Align a) alignment = Math.max(alignment, a.alignment());
        chunks.add(c);
    }

    boolean defines(String label) {
        for (Chunk c : chunks) if (c instanceof LabelDef d && d.name().equals(label)) return true;
        return false;
    }

    /** Relaxes branches, then lays out bytes, relocations and label offsets. */
    AssembledSection finish() {
        Map<Branch, Boolean> near = new IdentityHashMap<>();
        long[] start = new long[chunks.size() + 1];
        Map<String, Long> labels = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            layout(near, start, labels);
            changed = false;
            for (int i = 0; i < chunks.size(); i++) {
                if (!(chunks.get(i) instanceof Branch b) || near.containsKey(b)) continue;
                Long target = labels.get(b.target());
                long rel = target == null ? Long.MAX_VALUE : target - (start[i] + b.shortSize());
                if (b.call() || !Encoder.fitsSigned8(rel)) {
                    near.put(b, true);
                    changed = true;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Reloc> relocs = new ArrayList<>();
        List<AssembledSection.Line> listing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            long at = start[i];
            switch (chunks.get(i)) {
                case Bytes b -> {
                    out.writeBytes(b.bytes());
                    for (Reloc r : b.relocs()) relocs.add(r.shift(at));
                    if (b.text() != null) listing.add(new AssembledSection.Line(at, b.bytes(), b.text()));
                }
                case Branch b -> {
                    Encoded e = encodeBranch(b, near.containsKey(b), at, labels);
                    out.writeBytes(e.bytes());
                    for (Reloc r : e.relocs()) relocs.add(r.shift(at));
                    listing.add(new AssembledSection.Line(at, e.bytes(), b.text()));
                }
                case Align a -> pad(out, (int) (start[i + 1] - at), a.code());
                case Space s -> { if (section.kind() != Section.Kind.BSS) out.write(new byte[(int) s.size()], 0, (int) s.size()); }
                case LabelDef d -> { }
            }
        }
        long size = start[chunks.size()];
        byte[] bytes = section.kind() == Section.Kind.BSS ? new byte[0] : out.toByteArray();
        return new AssembledSection(section, bytes, size, alignment, relocs, labels, listing);
    }

    private void layout(Map<Branch, Boolean> near, long[] start, Map<String, Long> labels) {
        labels.clear();
        long off = 0;
        for (int i = 0; i < chunks.size(); i++) {
            start[i] = off;
            off += switch (chunks.get(i)) {
                case Bytes b -> b.bytes().length;
                case Branch b -> near.containsKey(b) ? b.nearSize() : b.shortSize();
                case Align a -> (a.alignment() - off % a.alignment()) % a.alignment();
                case Space s -> s.size();
                case LabelDef d -> {
                    if (labels.put(d.name(), off) != null) throw new AsmException("label " + d.name() + " is defined twice");
                    yield 0;
                }
            };
        }
        start[chunks.size()] = off;
    }

    private static Encoded encodeBranch(Branch b, boolean isNear, long at, Map<String, Long> labels) {
        Encoder e = new Encoder(b.mode(), b.text());
        Long target = labels.get(b.target());
        int[] opcode = b.call() ? new int[] {0xE8}
                : b.cond() == null ? new int[] {isNear ? 0xE9 : 0xEB}
                : isNear ? new int[] {0x0F, 0x80 | b.cond().code()} : new int[] {0x70 | b.cond().code()};
        int size = isNear ? b.nearSize() : b.shortSize();
        if (target == null) return e.branch(opcode, 4, 0, b.target());
        return e.branch(opcode, isNear ? 4 : 1, target - (at + size), null);
    }

    /** Code is padded with the multi-byte NOPs of the SDM; data with zeros. */
    private static void pad(ByteArrayOutputStream out, int n, boolean code) {
        if (!code) { out.write(new byte[n], 0, n); return; }
        while (n > 0) {
            int k = Math.min(n, NOPS.length);
            out.writeBytes(NOPS[k - 1]);
            n -= k;
        }
    }

    private static final byte[][] NOPS = {
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };
}
