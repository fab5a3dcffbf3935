package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;

import java.lang.foreign.Arena;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The guest's memory: RAM as host memory the bench owns (mapped lazily: a large machine costs nothing until
 * touched), the view through the guest's page tables, and device memory found on first touch. Unicorn's own
 * memory calls take physical addresses; the virtual view is the bench's page walk.
 */
final class GuestMemory implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final Unicorn uc;
    private final Consumer<String> log;
    private final Set<Long> loggedDevicePages = new HashSet<>();

    GuestMemory(Unicorn uc, MemoryMap map, Consumer<String> log) {
        this.uc = uc;
        this.log = log;
        for (long[] r : map.ramRanges()) {
            uc.mapHost(r[0], r[1] - r[0], X86.PROT_ALL, HostMemory.allocate(r[1] - r[0], arena));
        }
    }

    boolean pagingEnabled() { return (uc.reg(X86.CR0) & X86Bits.CR0_PG) != 0; }

    /** Reads {@code length} bytes at a virtual address (through the guest's page tables when paging is on). */
    byte[] readVirtual(long address, int length) {
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            long va = address + done;
            int chunk = (int) Math.min(length - done, 4096 - (va & 0xFFF));
            System.arraycopy(uc.read(physical(va), chunk), 0, out, done, chunk);
            done += chunk;
        }
        return out;
    }

    /** Writes bytes at a virtual address (through the guest's page tables when paging is on). */
    void writeVirtual(long address, byte[] bytes) {
        for (int done = 0; done < bytes.length; ) {
            long va = address + done;
            int chunk = (int) Math.min(bytes.length - done, 4096 - (va & 0xFFF));
            uc.write(physical(va), java.util.Arrays.copyOfRange(bytes, done, done + chunk));
            done += chunk;
        }
    }

    private long physical(long virtual) {
        long p = physicalOf(virtual);
        if (p == -1) throw new UnicornException("page walk of 0x" + Long.toHexString(virtual), 0, "not mapped (level " + walk(virtual).missingLevel() + ")");
        return p;
    }

    /** The physical address a virtual one maps to now (itself with paging off), or -1 when the tables map nothing there. */
    long physicalOf(long virtual) {
        if (!pagingEnabled()) return virtual;
        PageWalk.Result r = walk(virtual);
        return r.present() ? r.physical() : -1;
    }

    /** Translates a virtual address with the page walk the CPU does in its current mode (paging on). */
    PageWalk.Result walk(long virtual) {
        return PageWalk.translate(uc.reg(X86.CR3), uc.reg(X86.CR4), uc.msr(X86.MSR_EFER), virtual, uc::read64);
    }

    /**
     * A physical page in the PCI hole below 4 GiB, where a PC has devices: the local APIC at its default
     * address, else open bus: reads give all ones, writes are dropped, and the first access to each page is logged.
     */
    boolean mapDevicePage(long physical, LocalApic apic) {
        long page = physical & ~0xFFFL;
        if (page < MemoryMap.PCI_HOLE || page >= MemoryMap.FOUR_GIB) return false;
        if (page == LocalApic.DEFAULT_BASE) {
            uc.mapMmio(page, 4096, apic::read, apic::write);
            return true;
        }
        String where = "0x" + Long.toHexString(page);
        uc.mapMmio(page, 4096, (offset, size) -> {
            if (loggedDevicePages.add(page)) log.accept("bench: read of unknown device memory at " + where + " reads all ones");
            return -1L >>> (64 - 8 * size);
        }, (offset, size, value) -> {
            if (loggedDevicePages.add(page)) log.accept("bench: write to unknown device memory at " + where + " ignored");
        });
        return true;
    }

    @Override public void close() { arena.close(); }
}
