package micros.asm;

import java.util.List;
import java.util.Map;

/**
 * One section of an assembled module: its bytes (none for bss), size, alignment, the relocations
 * the linker resolves, label offsets and a listing of the instructions (offset, bytes, text).
 */
public record AssembledSection(Section section, byte[] bytes, long size, int alignment, List<Reloc> relocs,
                               Map<String, Long> labels, List<Line> listing) {
    public record Line(long offset, byte[] bytes, String text) {}
}
