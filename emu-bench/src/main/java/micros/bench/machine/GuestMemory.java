package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The guest's memory: RAM as host memory the bench owns (so that a virtual page can be mapped onto the
 * same bytes), the view through the guest's page tables, and device memory found on first touch.
 */
final class GuestMemory implements AutoCloseable {
    private record RamRange(long start, long end, MemorySegment host) {}

    private final Arena arena = Arena.ofShared();
    private final List<RamRange> ram = new ArrayList<>();
    private final Unicorn uc;
    private final Consumer<String> log;
    private final Set<Long> loggedDevicePages = new HashSet<>();
    /** Virtual pages the bench has mapped onto other memory: dropped when the guest changes its paging. */
    private final Set<Long> aliases = new HashSet<>();

    GuestMemory(Unicorn uc, MemoryMap map, Consumer<String> log) {
        this.uc = uc;
        this.log = log;
        for (long[] r : map.ramRanges()) {
            MemorySegment host = HostMemory.allocate(r[1] - r[0], arena);
            ram.add(new RamRange(r[0], r[1], host));
            uc.mapHost(r[0], r[1] - r[0], X86.PROT_ALL, host);
        }
    }

    /** Whether [start, start + size) touches RAM. */
    boolean overlapsRam(long start, long size) {
        for (RamRange r : ram) if (Long.compareUnsigned(start, r.end()) < 0 && Long.compareUnsigned(r.start(), start + size) < 0) return true;
        return false;
    }

    boolean pagingEnabled() { return (uc.reg(X86.CR0) & 0x8000_0000L) != 0; }

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
        if (!pagingEnabled()) return virtual;
        PageWalk.Result r = walk(virtual);
        if (!r.present()) throw new UnicornException("page walk of 0x" + Long.toHexString(virtual), 0, "not mapped (level " + r.missingLevel() + ")");
        return r.physical();
    }

    /** Translates a virtual address with the page walk the CPU does in its current mode (paging on). */
    PageWalk.Result walk(long virtual) {
        return PageWalk.translate(uc.reg(X86.CR3), uc.reg(X86.CR4), uc.msr(X86.MSR_EFER), virtual, uc::read64);
    }

    /**
     * Unicorn 2.0.1 walks the guest's page tables for protections but then treats the virtual address as
     * physical. For a page the tables map to RAM elsewhere, map the virtual page onto the same host bytes.
     */
    boolean aliasVirtualPage(long virtual) {
        if (!pagingEnabled()) return false;
        long page = virtual & ~0xFFFL;
        PageWalk.Result r = walk(page);
        if (!r.present()) return false;
        for (RamRange range : ram) {
            if (r.physical() >= range.start() && r.physical() + 4096 <= range.end()) {
                uc.mapHost(page, 4096, X86.PROT_ALL, range.host().asSlice(r.physical() - range.start(), 4096));
                aliases.add(page);
                return true;
            }
        }
        return false;
    }

    /**
     * A page in the PCI hole below 4 GiB, where a PC has devices: the local APIC if that is what the guest's
     * tables point to (at whatever virtual address), else open bus: reads give all ones, writes are dropped,
     * and the first access to each page is logged.
     */
    boolean mapDevicePage(long virtual, LocalApic apic) {
        long page = virtual & ~0xFFFL, physical = page;
        if (pagingEnabled()) {
            PageWalk.Result r = walk(page);
            if (!r.present()) return false;
            physical = r.physical() & ~0xFFFL;
        }
        if (physical < MemoryMap.PCI_HOLE || physical >= MemoryMap.FOUR_GIB) return false;
        if (page != physical) aliases.add(page);
        if (physical == LocalApic.DEFAULT_BASE) {
            uc.mapMmio(page, 4096, apic::read, apic::write);
            return true;
        }
        long devicePage = physical;
        String where = "0x" + Long.toHexString(physical);
        uc.mapMmio(page, 4096, (offset, size) -> {
            if (loggedDevicePages.add(devicePage)) log.accept("bench: read of unknown device memory at " + where + " reads all ones");
            return -1L >>> (64 - 8 * size);
        }, (offset, size, value) -> {
            if (loggedDevicePages.add(devicePage)) log.accept("bench: write to unknown device memory at " + where + " ignored");
        });
        return true;
    }

    /** Unmaps every alias (a TLB flush): the next access to each maps it again from the current tables. */
    void dropAliases() {
        for (long page : aliases) uc.unmap(page, 4096);
        aliases.clear();
    }

    @Override public void close() { arena.close(); }
}
