package micros.kernel;

import micros.kernel.boot.KernelImage;
import micros.multiboot2.BootInfoImage;
import micros.multiboot2.FramebufferTag;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import static micros.multiboot2.MemoryRegion.*;

/**
 * Random machines as a multiboot2 loader describes them, one space for the kernel's JVM properties and for
 * whole boots in the bench (crosscheck): memory maps from 64 MiB to 64 GiB (most small, some large, so that
 * 200 bench boots stay quick) cut into available, reserved, ACPI-reclaimable, ACPI NVS and bad entries with
 * holes, below 4 GiB and above it, now and then an entry overlapping others (as some firmware writes); the
 * memory manager and other modules, and the boot information, at any byte of available RAM below 4 GiB
 * (their tags hold 32 bits) or where the loader puts them; the framebuffer in the PCI hole, in a reserved
 * entry, inside available RAM, or above all RAM (also above 4 GiB); CPUs with and without 1 GiB pages.
 */
public final class RandomMachines {
    public static final long MIB = 1L << 20, GIB = 1L << 30, FOUR_GIB = 4 * GIB;
    /** Below 4 GiB RAM ends by here at the latest: the local APIC, the IOAPIC and the BIOS flash live above. */
    public static final long LOW_LIMIT = 0xF000_0000L, PC_FRAMEBUFFER = 0xFD00_0000L, LOCAL_APIC = 0xFEE0_0000L;
    /** Room the boot information gets: more than any machine here needs (a few dozen map entries, three modules). */
    public static final long INFO_ROOM = 8192;

    /** Bytes from {@code min} to {@code max}, both included: a size or an end a space draws from. */
    public record Range(long min, long max) {
        public static Range exactly(long n) { return new Range(n, n); }

        long draw(Random r) { return min + (max > min ? r.nextLong(max - min + 1) : 0); }
    }

    /**
     * What a use of the machines fixes. The kernel image's extent: a bench boot's is micros.elf's, the JVM
     * properties draw its end. The memory manager's size: the bench's is the real file's. Whether modules,
     * boot information and framebuffer may overlap one another: the kernel's region arithmetic must cope
     * with that, but the bench writes them all into memory, so there they must not. Whether the loader may
     * choose where modules and information go: the bench's does (as GRUB); the JVM properties have no loader.
     */
    public record Space(long kernelStart, Range kernelEnd, Range memoryManagerSize, boolean overlapping, boolean loaderPlaces) {
        /** The kernel's JVM properties: micros's load address, an image of 64 KiB to 4 MiB, everything placed, overlaps allowed. */
        public static final Space JVM = new Space(KernelImage.KERNEL_LOAD_ADDRESS,
                new Range(KernelImage.KERNEL_LOAD_ADDRESS + 0x1_0000, KernelImage.KERNEL_LOAD_ADDRESS + 4 * MIB), new Range(1, 64 * 1024), true, false);

        /** Boots in the bench of a kernel image [kernelStart, kernelEnd) and a memory manager of {@code memoryManagerSize} bytes. */
        public static Space bench(long kernelStart, long kernelEnd, int memoryManagerSize) {
            return new Space(kernelStart, Range.exactly(kernelEnd), Range.exactly(memoryManagerSize), false, true);
        }
    }

    /**
     * A machine: the top of its memory, its CPU's 1 GiB pages, its map, the kernel image [kernelStart,
     * kernelEnd), the modules (the memory manager first), where the boot information goes (empty: where the
     * loader puts it), the framebuffer, the command line.
     */
    public record Machine(long top, boolean gibPages, List<MemoryRegion> map, long kernelStart, long kernelEnd,
                          List<Module> modules, OptionalLong info, FramebufferTag framebuffer, String cmdline) {
        /** A module: its string, its size, and where it goes (empty: where the loader puts it). */
        public record Module(String string, long size, OptionalLong at) {}

        /** The modules as placed; only for a machine whose loader chooses nothing (a JVM space's). */
        public List<PlacedModule> placedModules() {
            return modules.stream().map(m -> new PlacedModule(m.at().orElseThrow(), m.at().orElseThrow() + m.size(), m.string())).toList();
        }

        /** Where the information is; only for a machine whose loader chooses nothing. */
        public long infoAddress() { return info.orElseThrow(); }

        /** The information a loader would write for this machine (no basic memory tag: micros does not read it). */
        public BootInfoImage bootInformation() { return new BootInfoImage(cmdline, "random machines", placedModules(), null, map, framebuffer); }

        @Override public String toString() {
            StringBuilder s = new StringBuilder(String.format("top 0x%x, %s 1 GiB pages, kernel [0x%x, 0x%x), framebuffer 0x%x %dx%d, boot information %s, cmdline '%s'%n",
                    top, gibPages ? "with" : "without", kernelStart, kernelEnd, framebuffer.address(), framebuffer.width(), framebuffer.height(), where(info), cmdline));
            for (MemoryRegion r : map) s.append("  ").append(r).append('\n');
            for (Module m : modules) s.append("  module '").append(m.string()).append("' (").append(m.size()).append(" bytes) ").append(where(m.at())).append('\n');
            return s.toString();
        }

        private static String where(OptionalLong at) { return at.isEmpty() ? "where the loader puts it" : "at 0x" + Long.toHexString(at.getAsLong()); }
    }

    private RandomMachines() {}

    public static Arbitrary<Machine> machines(Space space) {
        // The top of physical memory, skewed small: a bench boot (and KernelBootTest's walk of the frame lists) grows with it.
        Arbitrary<Long> top = Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.longs().between(64, 1024)),
                Tuple.of(4, Arbitraries.longs().between(1024, 8 * 1024).withDistribution(RandomDistribution.uniform())),
                Tuple.of(2, Arbitraries.longs().between(8 * 1024, 64 * 1024).withDistribution(RandomDistribution.uniform()))).map(m -> m * MIB);
        Arbitrary<String> cmdline = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        return Combinators.combine(top, Arbitraries.of(false, true), Arbitraries.longs(), cmdline).as((t, gib, seed, c) -> build(space, t, gib, seed, c));
    }

    public static Machine build(Space space, long top, boolean gibPages, long seed, String cmdline) {
        Random r = new Random(seed);
        long kernelStart = space.kernelStart(), kernelEnd = space.kernelEnd().draw(r) + 4095 & -4096L;
        List<MemoryRegion> map = new ArrayList<>();
        map.add(new MemoryRegion(0, 0x9_FC00, AVAILABLE));
        map.add(new MemoryRegion(0x9_FC00, 0x400, RESERVED));
        map.add(new MemoryRegion(0xF_0000, 0x1_0000, RESERVED));
        // The kernel's memory is available, as a loader insists, with room after it for the memory manager's stack.
        long firstPiece = ((kernelEnd + MIB - 1) & -MIB) + ((r.nextInt(12) + 10L) << 20);
        map.add(new MemoryRegion(kernelStart, firstPiece - kernelStart, AVAILABLE));
        long lowEnd = Math.max(firstPiece + MIB, Math.min(top, LOW_LIMIT - (r.nextInt(4) == 0 ? 0 : (long) r.nextInt(1024) << 20)));
        chop(r, map, firstPiece, lowEnd);
        if (r.nextBoolean()) map.add(new MemoryRegion(0xFEC0_0000L, 0x14_0000, RESERVED)); // IOAPIC, LAPIC, BIOS flash
        if (top > FOUR_GIB) chop(r, map, FOUR_GIB, FOUR_GIB + (top - lowEnd));
        if (r.nextInt(5) == 0) { // a firmware's overlapping entry, past the kernel's piece (reserved wins: over it, no memory manager fits)
            long at = r.nextLong(lowEnd) & -4096L;
            map.add(r.nextInt(map.size() + 1), new MemoryRegion(Math.max(at, firstPiece), (r.nextInt(4096) + 1L) << 12, RESERVED));
        }

        Taken taken = new Taken(space.overlapping());
        taken.add(0x7_F000, 0x8_0000);     // the loader's stack page (the bench's hand-off)
        taken.add(0xF_0000, 0x10_0000);    // the loader's hand-off tables
        taken.add(kernelStart, kernelEnd);
        FramebufferTag fb = framebuffer(r, map, taken);
        taken.add(fb.address(), fb.address() + fb.size());
        List<Machine.Module> modules = new ArrayList<>();
        int extra = r.nextInt(3);
        String[] names = {"memory_manager", "/boot/memory_manager.elf", "x memory_manager y"};
        for (int i = 0; i <= extra; i++) {
            long size = i == 0 ? space.memoryManagerSize().draw(r) : r.nextInt(64 * 1024);
            String string = i == 0 ? names[r.nextInt(names.length)] : "module" + i;
            modules.add(new Machine.Module(string, size, placeInRam(r, space, map, taken, Math.max(size, 1), 1)));
        }
        OptionalLong info = placeInRam(r, space, map, taken, INFO_ROOM, 8);
        return new Machine(top, gibPages, List.copyOf(map), kernelStart, kernelEnd, List.copyOf(modules), info, fb, cmdline);
    }

    /** Cuts [from, to) into entries of random types and sizes, with holes; a few pieces, however large the range. */
    private static void chop(Random r, List<MemoryRegion> map, long from, long to) {
        long at = from;
        int pieces = 1 + r.nextInt(10);
        while (at < to) {
            long typical = Math.max(4096, (to - from) / pieces);
            long length = switch (r.nextInt(4)) {
                case 0 -> (r.nextInt(256) + 1L) << 12;                         // small, page-sized
                case 1 -> r.nextLong(typical) + 1;                              // any bytes
                default -> ((r.nextLong(2 * typical) + 1) + (1L << 21) - 1) & -(1L << 21);
            };
            length = Math.min(length, to - at);
            int kind = r.nextInt(20);
            int type = kind < 13 ? AVAILABLE : kind < 15 ? RESERVED : kind < 17 ? ACPI_RECLAIMABLE : kind < 18 ? ACPI_NVS : kind < 19 ? BAD : 0;
            if (type != 0) map.add(new MemoryRegion(at, length, type));     // 0: a hole
            at += length;
        }
    }

    /**
     * A page-aligned framebuffer: where a PC has it, inside a reserved entry, inside available RAM (below or
     * above 4 GiB), or above all RAM and 4 GiB. Never over the local APIC; either inside one available entry
     * or clear of every entry RAM backs (a device's memory is one or the other, never half RAM).
     */
    private static FramebufferTag framebuffer(Random r, List<MemoryRegion> map, Taken taken) {
        int[][] modes = {{1024, 768}, {800, 600}, {640, 480}};
        int[] mode = modes[r.nextInt(modes.length)];
        int pitch = mode[0] * 4;
        long size = ((long) pitch * mode[1] + 4095) & -4096L;
        long aboveRam = (Math.max(FOUR_GIB, ramEnd(map)) + 4095) & -4096L;
        for (int attempt = 0; attempt < 8; attempt++) {
            int where = r.nextInt(4);
            long at = switch (where) {
                case 0 -> PC_FRAMEBUFFER;
                case 1 -> inside(r, map, RESERVED, size, 4096, Long.MAX_VALUE);
                case 2 -> inside(r, map, AVAILABLE, size, 4096, Long.MAX_VALUE);
                default -> aboveRam + ((long) r.nextInt(1 << 16) << 12);
            };
            if (at < 0 || at <= LOCAL_APIC && LOCAL_APIC < at + size) continue;
            if ((where == 2 || !touchesRam(map, at, size)) && taken.free(at, at + size)) return new FramebufferTag(at, pitch, mode[0], mode[1]);
        }
        return new FramebufferTag((ramEnd(map) + 4095) & -4096L, pitch, mode[0], mode[1]);
    }

    /** Whether a type is memory a machine backs with RAM (available, ACPI-reclaimable, ACPI NVS), as opposed to a device's or nothing. */
    private static boolean ram(int type) { return type == AVAILABLE || type == ACPI_RECLAIMABLE || type == ACPI_NVS; }

    /** Whether [at, at + size) meets the first MiB or any entry of RAM, in whole pages. */
    private static boolean touchesRam(List<MemoryRegion> map, long at, long size) {
        if (at < MIB) return true;
        for (MemoryRegion e : map)
            if (ram(e.type()) && at < ((e.end() + 4095) & -4096L) && (e.base() & -4096L) < at + size) return true;
        return false;
    }

    /** The end of the highest entry of RAM. */
    private static long ramEnd(List<MemoryRegion> map) {
        return map.stream().filter(e -> ram(e.type())).mapToLong(MemoryRegion::end).max().orElse(MIB);
    }

    /**
     * Where {@code size} bytes go inside one available entry below 4 GiB, aligned to {@code align}, overlapping
     * nothing taken (and then taken); or, when the space lets the loader choose, the loader's choice, by
     * chance or when a few tries find no room.
     */
    private static OptionalLong placeInRam(Random r, Space space, List<MemoryRegion> map, Taken taken, long size, long align) {
        if (space.loaderPlaces() && r.nextInt(3) == 0) return OptionalLong.empty();
        for (int attempt = 0; attempt < 32; attempt++) {
            long at = inside(r, map, AVAILABLE, size, r.nextBoolean() ? 4096 : align, FOUR_GIB);
            if (at >= 0 && taken.free(at, at + size)) {
                taken.add(at, at + size);
                return OptionalLong.of(at);
            }
        }
        if (space.loaderPlaces()) return OptionalLong.empty();
        throw new IllegalStateException("no room for " + size + " bytes below 4 GiB in " + map);
    }

    /** A random address for {@code size} bytes aligned to {@code align} inside a random entry of {@code type} ending below {@code limit}; -1 if none fits. */
    private static long inside(Random r, List<MemoryRegion> map, int type, long size, long align, long limit) {
        List<MemoryRegion> fit = map.stream().filter(x -> x.type() == type && x.end() <= limit && x.length() >= size + align).toList();
        if (fit.isEmpty()) return -1;
        MemoryRegion in = fit.get(r.nextInt(fit.size()));
        long at = (in.base() + r.nextLong(in.length() - size - align + 1) + align - 1) & -align;
        return at + size <= in.end() ? at : -1;
    }

    /** Ranges in use; in a space that allows overlaps every range is free. */
    private record Taken(boolean overlapping, List<long[]> ranges) {
        Taken(boolean overlapping) { this(overlapping, new ArrayList<>()); }

        void add(long start, long end) { ranges.add(new long[] {start, end}); }

        boolean free(long start, long end) {
            if (overlapping) return true;
            for (long[] t : ranges) if (start < t[1] && t[0] < end) return false;
            return true;
        }
    }
}
