package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * The multiboot2 boot information (multiboot2 specification 3.6), parsed and checked: a u32 total size, a
 * reserved u32, then tags, each 8-byte aligned (u32 type, u32 size without padding). What the kernel needs
 * is kept in static fields; everything it reads later (memory map entries, module strings) has been checked
 * to lie inside the information. A malformed information is reported in one COM1 line and the machine halts.
 *
 * <p>Kernel-Java: static state, memory through {@link Memory}.
 */
public final class BootInformation {
    static final int TAG_END = 0, TAG_COMMAND_LINE = 1, TAG_LOADER_NAME = 2, TAG_MODULE = 3, TAG_MEMORY_MAP = 6, TAG_FRAMEBUFFER = 8;
    /** Memory map entry types (3.6.8). */
    public static final int AVAILABLE = 1, ACPI_RECLAIMABLE = 3, ACPI_NVS = 4, BAD = 5;
    public static final int MAX_MODULES = 16;
    /** Far more than any loader writes; a larger total size is a corrupt header. */
    public static final long MAX_TOTAL_SIZE = 1L << 20;
    static final int MEMORY_MAP_ENTRY_MIN = 24, MODULE_TAG_MIN = 17, FRAMEBUFFER_TAG_MIN = 30;
    /** What the memory manager's module string contains. */
    static final byte[] MEMORY_MANAGER = {'m', 'e', 'm', 'o', 'r', 'y', '_', 'm', 'a', 'n', 'a', 'g', 'e', 'r'};
    /** Its first eight bytes and its last eight as little-endian words: two loads compare all of it. */
    static final long MEMORY_MANAGER_HEAD = word(MEMORY_MANAGER, 0), MEMORY_MANAGER_TAIL = word(MEMORY_MANAGER, MEMORY_MANAGER.length - 8);

    public static long address, totalSize;
    /** NUL-terminated strings inside the information; 0 when the loader gave none. */
    public static long commandLine, loaderName;
    /** The first memory map entry, the size of one, how many. */
    public static long memoryMap, memoryMapEntrySize, memoryMapEntries;
    /** Bytes the map calls available, overlaps counted as often as listed. */
    public static long availableBytes;
    /** Whether the map lists its entries in ascending order of base (equal bases allowed), as PC firmware does. */
    public static boolean memoryMapAscending;
    /** The framebuffer (0 when there is none): physical address, bytes per line, pixels, bits per pixel. */
    public static long framebuffer, framebufferPitch, framebufferWidth, framebufferHeight, framebufferBpp;
    public static int modules;
    public static final long[] moduleStart = new long[MAX_MODULES], moduleEnd = new long[MAX_MODULES], moduleString = new long[MAX_MODULES];
    /** The index of the first module whose string contains {@code memory_manager}. */
    public static int memoryManager;
    /** The NUL of the string {@link #string} found last. */
    private static long nul;

    private BootInformation() {}

    /** Parses the information at {@code info}; returns only when it is well formed and names a memory manager. */
    public static void parse(long info) {
        address = info;
        totalSize = 0;
        commandLine = 0;
        loaderName = 0;
        memoryMap = 0;
        memoryMapEntrySize = 0;
        memoryMapEntries = 0;
        availableBytes = 0;
        memoryMapAscending = false;
        framebuffer = 0;
        framebufferPitch = 0;
        framebufferWidth = 0;
        framebufferHeight = 0;
        framebufferBpp = 0;
        modules = 0;
        memoryManager = -1;
        if ((info & 7) != 0 || info == 0) { Kernel.log("micros: boot information: address not 8-byte aligned\n"); Kernel.halt(); return; }
        long size = Memory.read32(info) & 0xFFFF_FFFFL;
        if (size < 16 || size > MAX_TOTAL_SIZE || (size & 7) != 0) { Kernel.log("micros: boot information: bad total size\n"); Kernel.halt(); return; }
        totalSize = size;
        long end = info + size;
        long tag = info + 8;
        while (true) {
            if (end - tag < 8) { Kernel.log("micros: boot information: no end tag\n"); Kernel.halt(); return; }
            int type = Memory.read32(tag);
            long tagSize = Memory.read32(tag + 4) & 0xFFFF_FFFFL;
            if (tagSize < 8) { Kernel.log("micros: boot information: a tag is shorter than its header\n"); Kernel.halt(); return; }
            if (tagSize > end - tag) { Kernel.log("micros: boot information: a tag runs past the end\n"); Kernel.halt(); return; }
            if (type == TAG_END) {
                if (tag + tagSize != end) { Kernel.log("micros: boot information: the end tag is not at the end\n"); Kernel.halt(); return; }
                break;
            }
            if (type == TAG_COMMAND_LINE) commandLine = string(tag + 8, tag + tagSize);
            else if (type == TAG_LOADER_NAME) loaderName = string(tag + 8, tag + tagSize);
            else if (type == TAG_MODULE) module(tag, tagSize);
            else if (type == TAG_MEMORY_MAP) memoryMapTag(tag, tagSize);
            else if (type == TAG_FRAMEBUFFER) framebufferTag(tag, tagSize);
            tag = tag + ((tagSize + 7) & -8L);
        }
        if (memoryMap == 0) { Kernel.log("micros: boot information: no memory map\n"); Kernel.halt(); return; }
        // A loader puts modules in RAM; one elsewhere would have the kernel read (and load from) nothing.
        for (int k = 0; k < modules; k++)
            if (!inAvailableMemory(moduleStart[k], moduleEnd[k])) { Kernel.log("micros: boot information: a module lies outside available memory\n"); Kernel.halt(); return; }
        if (memoryManager < 0) { Kernel.log("micros: boot information: no module whose string contains memory_manager\n"); Kernel.halt(); }
    }

    /**
     * The address of the NUL-terminated string in [start, end); halts when it has no NUL there. Eight bytes
     * a turn: {@code start} is 8-byte aligned (a tag's payload at +8 or +16), and the tag's padding up to
     * the next multiple of eight lies inside the information, whose size is one.
     */
    private static long string(long start, long end) {
        for (long at = start; at < end; at += 8) {
            long word = Memory.read64(at);
            // A byte's high bit here for each zero byte, the lowest one exact (the ones above it may be borrows).
            long zeros = (word - 0x0101_0101_0101_0101L) & ~word & 0x8080_8080_8080_8080L;
            if (zeros == 0) continue;
            long p = at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            if (p >= end) break;
            nul = p;
            return start;
        }
        Kernel.log("micros: boot information: a string is not NUL-terminated inside its tag\n");
        Kernel.halt();
        return 0;
    }

    private static void module(long tag, long tagSize) {
        if (tagSize < MODULE_TAG_MIN) { Kernel.log("micros: boot information: a module tag is too short\n"); Kernel.halt(); return; }
        if (modules == MAX_MODULES) { Kernel.log("micros: boot information: more than 16 modules\n"); Kernel.halt(); return; }
        long start = Memory.read32(tag + 8) & 0xFFFF_FFFFL, stop = Memory.read32(tag + 12) & 0xFFFF_FFFFL;
        if (stop < start) { Kernel.log("micros: boot information: a module ends below its start\n"); Kernel.halt(); return; }
        long name = string(tag + 16, tag + tagSize);
        moduleStart[modules] = start;
        moduleEnd[modules] = stop;
        moduleString[modules] = name;
        if (memoryManager < 0 && namesMemoryManager(name, nul - name)) memoryManager = modules;
        modules = modules + 1;
    }

    /** Whether the {@code length} bytes at {@code s} contain {@code memory_manager}. */
    static boolean namesMemoryManager(long s, long length) {
        long at = s;
        for (long left = length - MEMORY_MANAGER.length; left >= 0; left--) {
            if (Memory.read64(at) == MEMORY_MANAGER_HEAD && Memory.read64(at + MEMORY_MANAGER.length - 8) == MEMORY_MANAGER_TAIL) return true;
            at++;
        }
        return false;
    }

    /** The little-endian word of the eight bytes of {@code bytes} from {@code at} (run at build time). */
    private static long word(byte[] bytes, int at) {
        long w = 0;
        for (int i = 7; i >= 0; i--) w = w << 8 | bytes[at + i] & 0xFF;
        return w;
    }

    private static void memoryMapTag(long tag, long tagSize) {
        if (memoryMap != 0) { Kernel.log("micros: boot information: two memory maps\n"); Kernel.halt(); return; }
        if (tagSize < 16) { Kernel.log("micros: boot information: the memory map tag is too short\n"); Kernel.halt(); return; }
        long entrySize = Memory.read32(tag + 8) & 0xFFFF_FFFFL;
        if (entrySize < MEMORY_MAP_ENTRY_MIN || (entrySize & 7) != 0) { Kernel.log("micros: boot information: bad memory map entry size\n"); Kernel.halt(); return; }
        long count = 0, available = 0, previous = 0;
        boolean ascending = true;
        for (long e = tag + 16; tagSize - (e - tag) >= entrySize; e += entrySize) {
            long base = baseAt(e), length = lengthAt(e);
            if (Long.compareUnsigned(base + length, base) < 0) { Kernel.log("micros: boot information: a memory map region wraps past 2^64\n"); Kernel.halt(); return; }
            if (typeAt(e) == AVAILABLE) available += length;
            if (Long.compareUnsigned(base, previous) < 0) ascending = false;
            previous = base;
            count++;
        }
        memoryMap = tag + 16;
        memoryMapEntrySize = entrySize;
        memoryMapEntries = count;
        availableBytes = available;
        memoryMapAscending = ascending;
    }

    private static void framebufferTag(long tag, long tagSize) {
        if (tagSize < FRAMEBUFFER_TAG_MIN) { Kernel.log("micros: boot information: the framebuffer tag is too short\n"); Kernel.halt(); return; }
        long at = Memory.read64(tag + 8);
        long pitch = Memory.read32(tag + 16) & 0xFFFF_FFFFL, height = Memory.read32(tag + 24) & 0xFFFF_FFFFL;
        if (Unsigned.wraps(at, pitch * height)) { Kernel.log("micros: boot information: the framebuffer wraps past 2^64\n"); Kernel.halt(); return; }
        framebuffer = at;
        framebufferPitch = pitch;
        framebufferWidth = Memory.read32(tag + 20) & 0xFFFF_FFFFL;
        framebufferHeight = height;
        framebufferBpp = Memory.read8(tag + 28);
    }

    /** Whether [start, end) lies inside one region the memory map calls available. */
    static boolean inAvailableMemory(long start, long end) {
        long last = memoryMap + memoryMapEntries * memoryMapEntrySize;
        for (long e = memoryMap; e != last; e += memoryMapEntrySize) {
            long base = baseAt(e);
            if (typeAt(e) == AVAILABLE && Long.compareUnsigned(start, base) >= 0 && Long.compareUnsigned(base + lengthAt(e), end) >= 0) return true;
        }
        return false;
    }

    public static long regionBase(long i) { return baseAt(memoryMap + i * memoryMapEntrySize); }

    public static long regionLength(long i) { return lengthAt(memoryMap + i * memoryMapEntrySize); }

    public static int regionType(long i) { return typeAt(memoryMap + i * memoryMapEntrySize); }

    /** The base of the memory map entry at address {@code entry} (for walks by address, entry += memoryMapEntrySize). */
    public static long baseAt(long entry) { return Memory.read64(entry); }

    public static long lengthAt(long entry) { return Memory.read64(entry + 8); }

    public static int typeAt(long entry) { return Memory.read32(entry + 16); }

    /** The framebuffer's size in bytes. */
    public static long framebufferSize() { return framebufferPitch * framebufferHeight; }
}
