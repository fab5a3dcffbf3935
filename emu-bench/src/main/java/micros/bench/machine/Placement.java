package micros.bench.machine;

import micros.multiboot2.MemoryRegion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What lies where in physical memory at the hand-off, as the loader decides it: the loader's own pages, the
 * kernel, the framebuffer, the modules and the boot information, none overlapping another. A thing given an
 * address is checked where it is (one-line errors: outside available RAM, above 4 GiB where its tag holds
 * 32 bits, overlapping something); one without goes to the first page after the last the loader chose, in
 * available RAM below 4 GiB, as GRUB places modules after the kernel.
 */
final class Placement {
    /** A placed thing: [start, end), named for errors. */
    record Taken(String what, long start, long end) {
        @Override public String toString() { return String.format("%s [0x%x, 0x%x)", what, start, end); }
    }

    private final MemoryMap map;
    private final List<Taken> taken = new ArrayList<>();
    /** Where the loader's next own choice starts looking. */
    private long next;

    Placement(MemoryMap map) {
        this.map = map;
        taken.add(new Taken("the loader's stack", MultibootLoader.STACK_POINTER & -MemoryMap.PAGE, (MultibootLoader.STACK_POINTER & -MemoryMap.PAGE) + MemoryMap.PAGE));
        taken.add(new Taken("the loader's hand-off tables", MultibootLoader.PAGE_DIRECTORY, MultibootLoader.HANDOFF_GDT + MemoryMap.PAGE));
    }

    /** The kernel's image [start, end), loaded already; the loader's choices come after it. */
    void kernel(long start, long end) {
        take(new Taken("the kernel", start, end));
        next = end;
    }

    /**
     * The framebuffer: all of it in RAM (the pixels are RAM then) or none of it (device memory the machine
     * maps for it), never the local APIC's page. True when it is in RAM.
     */
    boolean framebuffer(Framebuffer fb) {
        long size = (fb.size() + MemoryMap.PAGE - 1) & -MemoryMap.PAGE;
        Taken t = new Taken("the framebuffer", fb.address(), fb.address() + fb.size());
        if ((fb.address() & (MemoryMap.PAGE - 1)) != 0) throw new BootException(t + ": not page-aligned");
        if (fb.address() < 0 || fb.address() > MemoryMap.PHYSICAL_LIMIT - size) throw new BootException(t + ": beyond 2^52, the physical address limit");
        if (fb.address() <= LocalApic.DEFAULT_BASE && LocalApic.DEFAULT_BASE < fb.address() + size)
            throw new BootException(t + ": covers the local APIC's page 0x" + Long.toHexString(LocalApic.DEFAULT_BASE));
        boolean inRam = map.inRam(fb.address(), size);
        if (!inRam && map.touchesRam(fb.address(), size)) throw new BootException(t + ": lies partly in RAM and partly outside it");
        take(t);
        return inRam;
    }

    /** Where {@code length} bytes of {@code what} go: at {@code at} (checked), or the loader's choice for {@link BootModule#LOADER_CHOOSES}. */
    long place(String what, long at, long length) {
        if (at == BootModule.LOADER_CHOOSES) {
            long chosen = firstFit(what, length);
            take(new Taken(what, chosen, chosen + length));
            next = chosen + length;
            return chosen;
        }
        Taken t = new Taken(what, at, at + length);
        if (at < 0 || at > MemoryMap.FOUR_GIB - length) throw new BootException(t + ": above 4 GiB (its tag holds 32-bit addresses)");
        if (!MultibootLoader.available(map, at, length))
            throw new BootException(t + ": not inside one available entry of the memory map (a loader puts it in RAM it may use)");
        take(t);
        return at;
    }

    private void take(Taken t) {
        for (Taken o : taken)
            if (t.start() < o.end() && o.start() < t.end()) throw new BootException(t + " overlaps " + o);
        taken.add(t);
    }

    /** The first page at or after {@link #next} where {@code length} bytes fit in one available entry below 4 GiB, overlapping nothing. */
    private long firstFit(String what, long length) {
        List<MemoryRegion> available = map.regions().stream().filter(r -> r.type() == MemoryRegion.AVAILABLE)
                .sorted(Comparator.comparingLong(MemoryRegion::base)).toList();
        for (MemoryRegion r : available) {
            long at = Machine.alignUp(Math.max(next, r.base()), MemoryMap.PAGE);
            while (at + length <= r.end() && at + length <= MemoryMap.FOUR_GIB) {
                Taken in = overlapping(at, at + length);
                if (in == null) return at;
                at = Machine.alignUp(in.end(), MemoryMap.PAGE);
            }
        }
        throw new BootException(what + " (" + length + " bytes) does not fit in available RAM below 4 GiB after the kernel");
    }

    private Taken overlapping(long start, long end) {
        for (Taken o : taken) if (start < o.end() && o.start() < end) return o;
        return null;
    }
}
