package micros.crosscheck.boot;

import micros.bench.machine.BootModule;
import micros.bench.machine.CpuModel;
import micros.bench.machine.Framebuffer;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.MemoryMap;
import micros.bench.machine.MemoryRegion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static micros.bench.machine.MemoryRegion.*;

/**
 * Random machines for booting micros.elf in the bench: memory maps from 64 MiB to 64 GiB (most small, some
 * large, so that 200 boots stay quick) cut into available, reserved, ACPI-reclaimable, ACPI NVS and bad
 * entries with holes, below 4 GiB and above it, now and then an entry overlapping others (as some firmware
 * writes); the memory manager and other modules where the loader puts them or at any byte of available RAM
 * below 4 GiB (their tags hold 32 bits); the boot information likewise; the framebuffer in the PCI hole, in
 * a reserved entry, inside RAM, or above all RAM (also above 4 GiB); CPU models with and without 1 GiB pages.
 */
final class RandomMachines {
    static final long MIB = 1L << 20, GIB = 1L << 30, FOUR_GIB = 4 * GIB;
    /** Below 4 GiB RAM ends by here at the latest: the local APIC, the IOAPIC and the BIOS flash live above. */
    static final long LOW_LIMIT = 0xF000_0000L, PC_FRAMEBUFFER = 0xFD00_0000L;
    static final CpuModel WITH_GIB_PAGES = CpuModel.EPYC_ROME, WITHOUT = CpuModel.QEMU64;

    /** A machine: its map and CPU, and where each thing goes ({@link BootModule#LOADER_CHOOSES}: the loader's choice). */
    record Scenario(long top, CpuModel cpu, List<MemoryRegion> map, List<Placed> modules, Framebuffer framebuffer, long info, String cmdline) {
        record Placed(String string, int size, long at) {}

        MachineConfig config(byte[] memoryManager) {
            List<BootModule> ms = new ArrayList<>();
            for (int i = 0; i < modules.size(); i++) {
                Placed p = modules.get(i);
                byte[] bytes = i == 0 ? memoryManager : filler(p.size(), i);
                ms.add(new BootModule(i == 0 ? "mm-spin.elf" : "module" + i, bytes, p.string(), p.at()));
            }
            return MachineConfig.defaults().withMemoryMap(MemoryMap.of(map)).withCpu(cpu).withModules(ms).withFramebuffer(framebuffer)
                    .withBootInfoAddress(info).withCmdline(cmdline);
        }

        /** What kind of machine this is, for the property's statistics (the machine mix). */
        void collectStatistics() {
            MemoryMap m = MemoryMap.of(map);
            Statistics.label("memory").collect(top < GIB ? "under 1 GiB" : top < 8 * GIB ? "1-8 GiB" : "8-64 GiB");
            Statistics.label("cpu").collect(cpu.cliName());
            Statistics.label("framebuffer").collect(m.inRam(framebuffer.address(), framebuffer.size()) ? "in RAM"
                    : framebuffer.address() >= FOUR_GIB ? "outside RAM, above 4 GiB" : "outside RAM, below 4 GiB");
            Statistics.label("modules placed by address").collect(modules.stream().filter(p -> p.at() != BootModule.LOADER_CHOOSES).count() + " of " + modules.size());
            Statistics.label("entry types").collect(map.stream().map(MemoryRegion::type).distinct().count() + " of 5");
        }

        @Override public String toString() {
            StringBuilder s = new StringBuilder(String.format("%d MiB to 0x%x on %s, framebuffer 0x%x %dx%d, boot information %s, cmdline '%s'%n",
                    MemoryMap.of(map).ram() >> 20, top, cpu, framebuffer.address(), framebuffer.width(), framebuffer.height(), where(info), cmdline));
            for (MemoryRegion r : map) s.append("  ").append(r).append('\n');
            for (Placed m : modules) s.append("  module '").append(m.string()).append("' (").append(m.size() < 0 ? "the memory manager" : m.size() + " bytes").append(") ").append(where(m.at())).append('\n');
            return s.toString();
        }

        private static String where(long at) { return at == BootModule.LOADER_CHOOSES ? "where the loader puts it" : "at 0x" + Long.toHexString(at); }
    }

    private RandomMachines() {}

    /** Machines for a kernel whose image is [kernelStart, kernelEnd) (physical, from 1 MiB). */
    static Arbitrary<Scenario> machines(long kernelStart, long kernelEnd) {
        // The top of physical memory, skewed small: the boot (and this test's walk of the frame lists) grows with it.
        Arbitrary<Long> top = Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.longs().between(64, 1024)),
                Tuple.of(4, Arbitraries.longs().between(1024, 8 * 1024).withDistribution(RandomDistribution.uniform())),
                Tuple.of(2, Arbitraries.longs().between(8 * 1024, 64 * 1024).withDistribution(RandomDistribution.uniform()))).map(m -> m * MIB);
        Arbitrary<String> cmdline = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        return Combinators.combine(top, Arbitraries.of(WITHOUT, WITH_GIB_PAGES), Arbitraries.longs(), cmdline)
                .as((t, cpu, seed, c) -> build(t, cpu, seed, c, kernelStart, kernelEnd));
    }

    static Scenario build(long top, CpuModel cpu, long seed, String cmdline, long kernelStart, long kernelEnd) {
        Random r = new Random(seed);
        List<MemoryRegion> map = new ArrayList<>();
        map.add(new MemoryRegion(0, 0x9_FC00, AVAILABLE));
        map.add(new MemoryRegion(0x9_FC00, 0x400, RESERVED));
        map.add(new MemoryRegion(0xF_0000, 0x1_0000, RESERVED));
        // The kernel's memory is available, as a loader insists, with room after it for the memory manager's stack.
        long firstPiece = ((kernelEnd + MIB - 1) & -MIB) + ((r.nextInt(12) + 10L) << 20);
        map.add(new MemoryRegion(kernelStart, firstPiece - kernelStart, AVAILABLE));
        long lowEnd = Math.max(firstPiece + MIB, Math.min(top, LOW_LIMIT - (r.nextInt(4) == 0 ? 0 : (long) r.nextInt(1024) << 20)));
        chop(r, map, firstPiece, lowEnd);
        if (r.nextBoolean()) map.add(new MemoryRegion(0xFEC0_0000L, 0x14_0000, RESERVED));
        if (top > FOUR_GIB) chop(r, map, FOUR_GIB, FOUR_GIB + (top - lowEnd));
        if (r.nextInt(5) == 0) { // a firmware's overlapping entry, past the kernel's piece (reserved wins: over it, no memory manager fits)
            long at = r.nextLong(lowEnd) & -4096L;
            map.add(r.nextInt(map.size() + 1), new MemoryRegion(Math.max(at, firstPiece), (r.nextInt(4096) + 1L) << 12, RESERVED));
        }

        List<long[]> taken = new ArrayList<>(List.of(new long[] {0x7_F000, 0x8_0000}, new long[] {0xF_0000, 0x10_0000}, new long[] {kernelStart, kernelEnd}));
        Framebuffer fb = framebuffer(r, map, taken);
        taken.add(new long[] {fb.address(), fb.address() + fb.size()});
        List<Scenario.Placed> modules = new ArrayList<>();
        int extra = r.nextInt(3);
        String[] names = {"memory_manager", "/boot/memory_manager.elf", "x memory_manager y"};
        for (int i = 0; i <= extra; i++) {
            int size = i == 0 ? -1 : r.nextInt(64 * 1024);
            String string = i == 0 ? names[r.nextInt(names.length)] : "module" + i;
            // The memory manager's exact size is not known here: 64 KiB is more than it has.
            modules.add(new Scenario.Placed(string, size, placeInRam(r, map, taken, i == 0 ? 64 * 1024 : Math.max(size, 1), 1)));
        }
        long info = placeInRam(r, map, taken, 8192, 8);
        return new Scenario(top, cpu, List.copyOf(map), List.copyOf(modules), fb, info, cmdline);
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

    /** A page-aligned framebuffer: where a PC has it, inside a reserved entry, inside available RAM (below or above 4 GiB), or above all RAM and 4 GiB. */
    private static Framebuffer framebuffer(Random r, List<MemoryRegion> map, List<long[]> taken) {
        int[][] modes = {{1024, 768}, {800, 600}, {640, 480}};
        int[] mode = modes[r.nextInt(modes.length)];
        long size = ((long) mode[0] * mode[1] * 4 + 4095) & -4096L;
        MemoryMap m = MemoryMap.of(map);
        for (int attempt = 0; attempt < 8; attempt++) {
            long at = switch (r.nextInt(4)) {
                case 0 -> PC_FRAMEBUFFER;
                case 1 -> inside(r, map, RESERVED, size, 4096, Long.MAX_VALUE);
                case 2 -> inside(r, map, AVAILABLE, size, 4096, Long.MAX_VALUE);
                default -> (Math.max(FOUR_GIB, m.ramRanges().getLast()[1]) + ((long) r.nextInt(1 << 16) << 12) + 4095) & -4096L; // above all RAM and 4 GiB
            };
            if (at < 0 || at <= 0xFEE0_0000L && 0xFEE0_0000L < at + size) continue;
            boolean inRam = m.inRam(at, size);
            if ((inRam || !m.touchesRam(at, size)) && free(taken, at, at + size)) return new Framebuffer(at, mode[0], mode[1]);
        }
        return new Framebuffer((m.ramRanges().getLast()[1] + 4095) & -4096L, mode[0], mode[1]);
    }

    /**
     * Where {@code size} bytes go inside one available entry below 4 GiB, aligned to {@code align}, overlapping
     * nothing taken (and then taken); or the loader's choice, by chance or when a few tries find no room.
     */
    private static long placeInRam(Random r, List<MemoryRegion> map, List<long[]> taken, long size, long align) {
        if (r.nextInt(3) == 0) return BootModule.LOADER_CHOOSES;
        for (int attempt = 0; attempt < 8; attempt++) {
            long at = inside(r, map, AVAILABLE, size, r.nextBoolean() ? 4096 : align, FOUR_GIB);
            if (at >= 0 && free(taken, at, at + size)) {
                taken.add(new long[] {at, at + size});
                return at;
            }
        }
        return BootModule.LOADER_CHOOSES;
    }

    /** A random address for {@code size} bytes aligned to {@code align} inside a random entry of {@code type} ending below {@code limit}; -1 if none fits. */
    private static long inside(Random r, List<MemoryRegion> map, int type, long size, long align, long limit) {
        List<MemoryRegion> fit = map.stream().filter(x -> x.type() == type && x.end() <= limit && x.length() >= size + align).toList();
        if (fit.isEmpty()) return -1;
        MemoryRegion in = fit.get(r.nextInt(fit.size()));
        long at = (in.base() + r.nextLong(in.length() - size - align + 1) + align - 1) & -align;
        return at + size <= in.end() ? at : -1;
    }

    private static boolean free(List<long[]> taken, long start, long end) {
        for (long[] t : taken) if (start < t[1] && t[0] < end) return false;
        return true;
    }

    /** A module's bytes: recognisable, not all zero. */
    static byte[] filler(int size, int index) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + index);
        return b;
    }
}
