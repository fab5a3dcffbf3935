package micros.release;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GrubConfigTest {
    /**
     * Whatever the modules, {@code boot} is reached only inside every load's {@code then}, and every other
     * path prints the refusal line and halts: nothing leaves GRUB at a prompt.
     */
    @Property(tries = 200)
    void bootOnlyAfterEveryLoadAndEveryOtherPathHalts(
            @ForAll @Size(max = 4) @UniqueElements List<@AlphaChars @NumericChars @StringLength(min = 1, max = 12) String> names) {
        List<IsoBuilder.Module> modules = names.stream().map(n -> new IsoBuilder.Module(Path.of("x", n + ".elf"), n)).toList();
        List<String> lines = GrubConfig.main(modules).lines().map(String::strip).toList();
        List<String> entry = lines.subList(lines.indexOf("menuentry \"micros\" {") + 1, lines.size());
        List<String> expected = new ArrayList<>(List.of("if multiboot2 " + GrubConfig.KERNEL + "; then"));
        for (String n : names) expected.add("if module2 /boot/" + n + ".elf " + n + "; then");
        expected.add("boot");
        for (int i = 0; i <= names.size(); i++) expected.add("fi");
        expected.addAll(List.of("echo \"" + GrubConfig.REFUSED + "\"", "sleep 1", "halt", "}"));
        assertEquals(expected, entry);
        assertEquals("set timeout=0", lines.getFirst());
    }

    /** The embedded config finds the ISO by the fs-uuid it is given, runs grub.cfg, and halts if that returns. */
    @Test
    void theEarlyConfigHaltsWhenGrubCfgReturns() {
        SourceDate date = new SourceDate(java.time.Instant.parse("2026-12-01T13:45:07Z"));
        List<String> lines = GrubConfig.early(date.grubFsUuid()).lines().toList();
        assertEquals("search --no-floppy --fs-uuid --set=root 2026-12-01-13-45-07-00", lines.get(3));
        assertEquals("20261201134507" + "00", date.iso9660());
        assertEquals(List.of("configfile $prefix/grub.cfg", "echo \"" + GrubConfig.CONFIG_REFUSED + "\"", "sleep 1", "halt"),
                lines.subList(lines.size() - 4, lines.size()));
    }
}
