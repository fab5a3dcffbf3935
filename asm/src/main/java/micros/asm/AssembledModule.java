package micros.asm;

import java.util.List;
import java.util.Set;

/** What an Assembler produces: its sections and which of its labels are global. */
public record AssembledModule(List<AssembledSection> sections, Set<String> globals) {
    public AssembledSection section(String name) {
        for (AssembledSection s : sections) if (s.section().name().equals(name)) return s;
        throw new AsmException("module has no section " + name);
    }
}
