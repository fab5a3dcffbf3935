package micros.asm;

import java.util.List;

/** One encoded instruction: its bytes and the symbol fields the linker fills in. */
record Encoded(byte[] bytes, List<Reloc> relocs) {}
