package micros.crosscheck.boot;

import micros.asm.ElfFile;
import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.MemoryMap;
import micros.bench.machine.StopReason;
import micros.fixtures.MemoryManagers;
import micros.kernel.RandomMachines;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.Tag;
import micros.multiboot2.TagType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random corruptions of the boot information and of the memory manager's ELF, on the PC machine and on the
 * random machines of {@link KernelBootTest}: the kernel either reports the problem in a COM1 line and halts
 * cleanly, or launches the memory manager correctly; never a triple fault, an unhandled exception, an
 * access to nothing or a run that does not end.
 *
 * <p>What an edit may touch: any byte of the ELF; any byte of the boot information (sizes, tags, strings,
 * module addresses, the framebuffer, the command line, the types of entries RAM lies behind) except two
 * kinds of memory map field. Not the entries' base and length fields: a map that lies about where RAM is
 * cannot be told from the truth, on a real machine either. And not the type of an entry the bench backs
 * with no RAM (a reserved or bad entry outside RAM, which the random maps have plenty of): turned into
 * "available", it is the same lie, and the kernel would rightly hand out memory that is not there. Every
 * other type edit only takes memory away from the kernel or gives it RAM that exists. Random bytes seldom
 * make a type the kernel tells apart, so a third of the edits retype an entry to one of multiboot2's five:
 * an entry with RAM behind it to any, one without to reserved or bad.
 *
 * <p>An edit to a segment's size can make the memory manager ask for gigabytes that the machine has: the
 * kernel rightly accepts it and then maps and zeroes every page, hundreds of millions of instructions (and
 * as much guest RAM touched) that no budget of a quick campaign holds. For an ELF whose segments need more
 * than {@link #LOADABLE} bytes, the run therefore also stops where the kernel starts loading the segments
 * ({@code MemoryManagerImage.load}, after every check has passed): accepted there is the outcome counted.
 */
@AddLifecycleHook(CampaignProgress.class) // machines done, failed, time left: on a terminal only
class BootMutationTest {
    /** Far more than a boot takes (about 230,000 instructions on the PC machine, under a million at 64 GiB). */
    static final long BUDGET = 10_000_000;
    /** Segment bytes the budget holds the loading of with room to spare (about 700 instructions a page). */
    static final long LOADABLE = 16L << 20;
    static final String LOAD = "micros.kernel.MemoryManagerImage.load";
    /** The outcome of the last run that stopped at {@link #LOAD} (for the example that expects it). */
    static String lastOutcome;

    /** What an edit changes: the memory manager's ELF, the boot information's bytes, or a memory map entry's type. */
    enum Target { ELF, INFORMATION, ENTRY_TYPE }

    /** One edit: where (a fraction of the target's length, or of the map's entries), what kind, a value. */
    record Edit(Target target, double where, int kind, int value) {
        boolean elf() { return target == Target.ELF; }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Target.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 3), Arbitraries.integers()).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<RandomMachines.Machine> machines() { return BenchMachines.machines(KernelBootTest.kernelExtent(), MemoryManagers.checkAndSpin().bytes()); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void corruptionEndsInADiagnosticOrALaunch(@ForAll("edits") List<Edit> edits) throws Exception {
        run(edits, mm -> MachineConfig.defaults().withModules(List.of(new BootModule("mm.elf", mm, "memory_manager"))));
    }

    /** The one-segment memory manager asking for a GiB on a 4 GiB machine: accepted, and stopped at the loading. */
    @Example
    void aGibibyteSegmentIsAcceptedAndItsLoadingLeftOut() throws Exception {
        int memszLowWord = 64 + 40;  // the first program header's p_memsz
        Edit gib = new Edit(Target.ELF, (memszLowWord + 0.5) / (64 + 56 - 1), 3, 1 << 30);
        lastOutcome = null;
        run(List.of(gib), mm -> MachineConfig.defaults().withRam(4L << 30).withModules(List.of(new BootModule("mm.elf", mm, "memory_manager"))));
        assertEquals("accepted, too large to load within the budget", lastOutcome);
    }

    /** Tries: jqwik.tries.default (as above). */
    @Property
    void corruptionOnRandomMachinesEndsInADiagnosticOrALaunch(@ForAll("machines") RandomMachines.Machine machine, @ForAll("edits") List<Edit> edits) throws Exception {
        run(edits, mm -> BenchMachines.config(machine, mm));
    }

    /** Boots the machine {@code config} makes of the corrupted memory manager, with the boot information corrupted in memory. */
    static void run(List<Edit> edits, java.util.function.Function<byte[], MachineConfig> config) throws Exception {
        byte[] mm = MemoryManagers.checkAndSpin().bytes();
        ElfFile good = ElfFile.read("mm-spin.elf", mm);
        int headers = 64 + 56 * good.programHeaders().size();
        for (Edit e : edits) if (e.elf()) apply(mm, (int) (e.where() * ((e.kind() == 0 ? mm.length : headers) - 1)), e);
        MachineConfig machine = config.apply(mm);
        byte[] kernel = Files.readAllBytes(KernelBootTest.KERNEL);
        try (Machine m = Machine.boot(KernelBootTest.KERNEL.toString(), kernel, machine)) {
            long info = m.bootInfoAddress();
            byte[] bytes = m.readPhysical(info, (int) (ByteBuffer.wrap(m.readPhysical(info, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF));
            boolean[] protectedBytes = untouchable(bytes, machine.memoryMap());
            List<Integer> entries = entries(bytes);
            for (Edit e : edits) {
                if (e.target() == Target.ENTRY_TYPE) retype(bytes, entries.get((int) (e.where() * (entries.size() - 1))), e.value(), machine.memoryMap());
                if (e.target() != Target.INFORMATION) continue;
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
            long load = KernelBootTest.KERNEL_ELF.symbols().stream().filter(s -> s.name().equals(LOAD)).findFirst().orElseThrow().address();
            if (Long.compareUnsigned(segmentBytes(mm), LOADABLE) > 0) m.stopAt(load, "loading a memory manager too large for the budget");
            StopReason why = m.run(BUDGET);
            String com1 = m.serial().text();
            switch (why) {
                case StopReason.Breakpoint b when b.rip() == load -> {
                    assertEquals(0, m.cpl(), "the kernel loads the memory manager");
                    lastOutcome = "accepted, too large to load within the budget";
                    Statistics.label("outcome").collect(lastOutcome);
                }
                case StopReason.Breakpoint b -> {
                    assertEquals(3, m.cpl(), "launched in ring 3");
                    Statistics.label("outcome").collect("launched");
                }
                case StopReason.Halted h -> {
                    String last = com1.lines().reduce((x, y) -> y).orElse("");
                    // Launched at a changed entry point, the corrupted memory manager may fault in ring 3: a launch.
                    boolean launchedThenFaulted = com1.contains("\nmicros: memory manager ") && last.startsWith("micros: exception ") && last.contains(", cpl 3,");
                    // Else a diagnostic, not the kernel faulting on the way (its exception report) or the boot log's last line.
                    assertTrue(launchedThenFaulted || last.startsWith("micros: ") && !last.startsWith("micros: exception ") && !last.startsWith("micros: memory manager "),
                            "a diagnostic before the clean halt:\n" + com1);
                    Statistics.label("outcome").collect(launchedThenFaulted ? "launched, then faulted in ring 3" : "a diagnostic");
                }
                default -> fail(why + "\n" + com1 + m.registers());
            }
        }
    }

    /** The bytes the (possibly corrupted) ELF's loadable segments ask for, each rounded out to whole pages; unsigned. */
    static long segmentBytes(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32), sum = 0;
        int size = b.getShort(54) & 0xFFFF, count = b.getShort(56) & 0xFFFF;
        for (int k = 0; k < count; k++) {
            long ph = phoff + (long) k * size;
            if (ph < 0 || ph + 48 > elf.length) break;  // the kernel rejects headers outside the file
            if (b.getInt((int) ph) != 1) continue;       // PT_LOAD
            long vaddr = b.getLong((int) ph + 16), memsz = b.getLong((int) ph + 40);
            sum += ((vaddr + memsz + 4095) & -4096L) - (vaddr & -4096L);
        }
        return sum;
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

    /** Where each memory map entry of the (bench-written, uncorrupted) information starts. */
    static List<Integer> entries(byte[] info) {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        for (Tag tag : Tag.walk(info)) {
            if (tag.type() != TagType.MEMORY_MAP.code()) continue;
            int entrySize = b.getInt(tag.payload());
            for (int e = tag.offset() + MemoryRegion.FIRST_ENTRY; e + entrySize <= tag.offset() + tag.size(); e += entrySize) out.add(e);
        }
        return out;
    }

    /** Whether the entry at {@code e} has RAM behind it in the bench. */
    static boolean hasRam(ByteBuffer info, int e, MemoryMap ram) {
        return ram.inRam(info.getLong(e), info.getLong(e + MemoryRegion.LENGTH_FIELD));
    }

    /** The bytes no edit may touch (see the class comment): each entry's base and length, and the type of each entry with no RAM behind it. */
    static boolean[] untouchable(byte[] info, MemoryMap ram) {
        boolean[] out = new boolean[info.length];
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        for (int e : entries(info)) {
            Arrays.fill(out, e, e + MemoryRegion.TYPE_FIELD, true);
            if (!hasRam(b, e, ram)) Arrays.fill(out, e + MemoryRegion.TYPE_FIELD, e + MemoryRegion.TYPE_FIELD + 4, true);
        }
        return out;
    }

    /** Gives the entry at {@code e} another of multiboot2's types, chosen by {@code value}: any with RAM behind it, else reserved or bad. */
    static void retype(byte[] info, int e, int value, MemoryMap ram) {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        int type = hasRam(b, e, ram) ? MemoryRegion.AVAILABLE + Math.floorMod(value, MemoryRegion.BAD)
                : (value & 1) == 0 ? MemoryRegion.RESERVED : MemoryRegion.BAD;
        b.putInt(e + MemoryRegion.TYPE_FIELD, type);
    }

    static boolean anyProtected(boolean[] p, int from, int n) {
        for (int i = from; i < from + n && i < p.length; i++) if (p[i]) return true;
        return false;
    }
}
