package micros.kernel;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random PC-like machines: 64 MiB to 64 GiB of RAM, low memory and the BIOS hole as on a PC, then RAM cut
 * into pieces of random type (mostly available, some reserved, ACPI, NVS, bad) with holes, below 3 GiB and
 * from 4 GiB; now and then an entry overlapping others (firmware bugs). The kernel image at 1 MiB, the boot
 * information and modules below 4 GiB (their tags hold 32 bits), the framebuffer anywhere.
 */
public final class RandomMachines {
    public static final long MIB = 1L << 20, GIB = 1L << 30, LOW_TOP = 3 * GIB, FOUR_GIB = 4 * GIB;

    public record Machine(List<BootInfoImage.Region> map, long kernelEnd, long info, List<BootInfoImage.Module> modules,
                   BootInfoImage.Framebuffer framebuffer, boolean oneGiBPages, long ram) {
        public static final long KERNEL_START = MIB;

        @Override public String toString() {
            StringBuilder s = new StringBuilder("ram " + (ram >> 20) + " MiB, 1G " + oneGiBPages + ", kernel to 0x" + Long.toHexString(kernelEnd)
                    + ", info 0x" + Long.toHexString(info) + ", fb 0x" + Long.toHexString(framebuffer.address()) + "\n");
            for (var r : map) s.append("  [0x").append(Long.toHexString(r.base())).append(", 0x").append(Long.toHexString(r.end())).append(") ").append(r.type()).append('\n');
            for (var m : modules) s.append("  module [0x").append(Long.toHexString(m.start())).append(", 0x").append(Long.toHexString(m.end())).append(")\n");
            return s.toString();
        }
    }

    private RandomMachines() {}

    public static Arbitrary<Machine> machines() {
        Arbitrary<Long> ram = Arbitraries.longs().between(64, 64 * 1024).withDistribution(RandomDistribution.biased()).map(m -> m * MIB);
        return Combinators.combine(ram, Arbitraries.longs(), Arbitraries.of(true, false)).as(RandomMachines::build);
    }

    public static Machine build(long ram, long seed, boolean oneGiBPages) {
        Random r = new Random(seed);
        List<BootInfoImage.Region> map = new ArrayList<>();
        map.add(new BootInfoImage.Region(0, 0x9FC00, BootInformation.AVAILABLE));
        map.add(new BootInfoImage.Region(0x9FC00, 0x400, 2));
        map.add(new BootInfoImage.Region(0xF0000, 0x10000, 2));
        long lowEnd = Math.min(ram, LOW_TOP);
        long kernelEnd = MIB + ((r.nextInt(3 * 256) + 16) << 12);
        // The kernel's own memory is always available, as a loader insists.
        long firstPiece = kernelEnd + ((r.nextInt(8) + 4L) << 20);
        map.add(new BootInfoImage.Region(MIB, firstPiece - MIB, BootInformation.AVAILABLE));
        chop(r, map, firstPiece, lowEnd);
        if (ram > LOW_TOP) chop(r, map, FOUR_GIB, FOUR_GIB + ram - LOW_TOP);
        if (r.nextInt(4) == 0) {
            long at = r.nextLong(lowEnd) & -4096L;
            map.add(r.nextInt(map.size()), new BootInfoImage.Region(at, (r.nextInt(4096) + 1L) << 12, 2));
        }
        List<BootInfoImage.Region> available = map.stream().filter(x -> x.type() == BootInformation.AVAILABLE && x.end() <= FOUR_GIB && x.length() > 2 * MIB).toList();
        long info = inside(r, available.get(r.nextInt(available.size())), 4096) & -8L;
        List<BootInfoImage.Module> modules = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            BootInfoImage.Region in = available.get(r.nextInt(available.size()));
            long size = 1 + r.nextLong(Math.min(in.length() / 2, 8 * MIB));
            long start = inside(r, in, size);
            modules.add(new BootInfoImage.Module(start, start + size, i == 0 ? "memory_manager" : "module" + i));
        }
        long fbAt = switch (r.nextInt(3)) {
            case 0 -> 0xFD00_0000L;                                   // in the PCI hole, as on a PC
            case 1 -> inside(r, available.get(r.nextInt(available.size())), 4 * MIB) & -4096L; // in RAM
            default -> (FOUR_GIB + r.nextLong(ram)) & -4096L;          // above 4 GiB
        };
        return new Machine(List.copyOf(map), kernelEnd, info, List.copyOf(modules), new BootInfoImage.Framebuffer(fbAt, 4096, 1024, 768), oneGiBPages, ram);
    }

    /** A start address for {@code size} bytes inside {@code in}, page aligned or not. */
    private static long inside(Random r, BootInfoImage.Region in, long size) {
        long room = Math.max(1, in.length() - size);
        long at = in.base() + r.nextLong(room);
        return r.nextBoolean() ? Math.max(in.base(), at & -4096L) : at;
    }

    /** Cuts [from, to) into pieces of random type and size, leaving some holes. */
    private static void chop(Random r, List<BootInfoImage.Region> map, long from, long to) {
        long at = from;
        while (at < to) {
            long length = switch (r.nextInt(5)) {
                case 0 -> (r.nextInt(64) + 1L) << 12;
                case 1 -> (r.nextInt(64) + 1L) << 21;
                case 2 -> (r.nextInt(8) + 1L) << 30;
                case 3 -> r.nextInt(1 << 20) + 1;
                default -> (r.nextInt(4) + 1L) << 30;
            };
            length = Math.min(length, to - at);
            int kind = r.nextInt(20);
            int type = kind < 14 ? BootInformation.AVAILABLE : kind < 16 ? 2 : kind < 18 ? BootInformation.ACPI_RECLAIMABLE : kind < 19 ? BootInformation.ACPI_NVS : BootInformation.BAD;
            if (kind != 19 || r.nextBoolean()) map.add(new BootInfoImage.Region(at, length, type));  // else a hole
            at += length;
        }
    }
}
