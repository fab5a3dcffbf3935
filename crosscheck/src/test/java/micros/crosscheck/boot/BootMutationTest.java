package micros.crosscheck.boot;

import micros.asm.ElfFile;
import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.fixtures.MemoryManagers;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random corruptions of the boot information and of the memory manager's ELF: the kernel either reports
 * the problem in a COM1 line and halts cleanly, or launches the memory manager correctly; never a triple
 * fault, an unhandled exception, an access to nothing or a run that does not end.
 *
 * <p>The memory map's base and length fields are left alone: a map that lies about where RAM is cannot be
 * told from the truth, on a real machine either (types, sizes, tags and strings are all fair game).
 */
@AddLifecycleHook(CampaignProgress.class) // machines done, failed, time left: on a terminal only
class BootMutationTest {
    /** Far more than a boot of the default machine takes (about 230,000 instructions). */
    static final long BUDGET = 10_000_000;

    /** One edit: where (a fraction of the target's length), what kind, a value. */
    record Edit(boolean elf, double where, int kind, int value) {}

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(true, false), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 3), Arbitraries.integers()).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void corruptionEndsInADiagnosticOrALaunch(@ForAll("edits") List<Edit> edits) throws Exception {
        byte[] mm = MemoryManagers.checkAndSpin().bytes();
        ElfFile good = ElfFile.read("mm-spin.elf", mm);
        int headers = 64 + 56 * good.programHeaders().size();
        for (Edit e : edits) if (e.elf()) apply(mm, (int) (e.where() * ((e.kind() == 0 ? mm.length : headers) - 1)), e);
        MachineConfig config = MachineConfig.defaults().withModules(List.of(new BootModule("mm.elf", mm, "memory_manager")));
        byte[] kernel = Files.readAllBytes(KernelBootTest.KERNEL);
        try (Machine m = Machine.boot(KernelBootTest.KERNEL.toString(), kernel, config)) {
            long info = m.bootInfoAddress();
            byte[] bytes = m.readPhysical(info, (int) (ByteBuffer.wrap(m.readPhysical(info, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF));
            boolean[] protectedBytes = memoryMapAddresses(bytes);
            for (Edit e : edits) {
                if (e.elf()) continue;
                int at = (int) (e.where() * (bytes.length - 1));
                if (!protectedBytes[at] && !(e.kind() > 0 && at + 4 <= bytes.length && anyProtected(protectedBytes, at & ~3, 4))) apply(bytes, at, e);
            }
            m.writePhysical(info, bytes);  // physical: the loader's paging maps only its trampoline's 4 MiB
            m.stopAt(good.entry(), "memory manager entry");
            // A corrupted e_entry the kernel accepts (inside an executable segment) is a launch there: stop at it
            // too, before the corrupted code can loop or fault in ring 3. Only in the upper half, where the memory
            // manager is linked: the kernel never runs code there itself.
            long entry = ByteBuffer.wrap(mm, 24, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (entry != good.entry() && entry < 0) m.stopAt(entry, "corrupted memory manager entry");
            StopReason why = m.run(BUDGET);
            String com1 = m.serial().text();
            switch (why) {
                case StopReason.Breakpoint b -> assertEquals(3, m.cpl(), "launched in ring 3");
                case StopReason.Halted h -> {
                    String last = com1.lines().reduce((x, y) -> y).orElse("");
                    // Launched at a changed entry point, the corrupted memory manager may fault in ring 3: a launch.
                    boolean launchedThenFaulted = com1.contains("\nmicros: memory manager ") && last.startsWith("micros: exception ") && last.contains(", cpl 3,");
                    // Else a diagnostic, not the kernel faulting on the way (its exception report) or the boot log's last line.
                    assertTrue(launchedThenFaulted || last.startsWith("micros: ") && !last.startsWith("micros: exception ") && !last.startsWith("micros: memory manager "),
                            "a diagnostic before the clean halt:\n" + com1);
                }
                default -> fail(why + "\n" + com1 + m.registers());
            }
        }
    }

    static void apply(byte[] b, int at, Edit e) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int word = Math.min(at & ~3, b.length - 4);
        switch (e.kind()) {
            case 0 -> b[at] = (byte) e.value();
            case 1 -> buf.putInt(word, e.value() & 0xFF);
            case 2 -> buf.putInt(word, buf.getInt(word) + e.value() % 64);
            default -> buf.putInt(word, e.value());
        }
    }

    /** The bytes of the memory map entries' base and length fields. */
    static boolean[] memoryMapAddresses(byte[] info) {
        boolean[] out = new boolean[info.length];
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        for (int tag = 8; tag + 8 <= info.length; ) {
            int type = b.getInt(tag), size = b.getInt(tag + 4);
            if (type == 0 || size < 8) break;
            if (type == 6) {
                int entrySize = b.getInt(tag + 8);
                for (int e = tag + 16; e + entrySize <= tag + size; e += entrySize) for (int k = 0; k < 16; k++) out[e + k] = true;
            }
            tag += (size + 7) & ~7;
        }
        return out;
    }

    static boolean anyProtected(boolean[] p, int from, int n) {
        for (int i = from; i < from + n && i < p.length; i++) if (p[i]) return true;
        return false;
    }
}
