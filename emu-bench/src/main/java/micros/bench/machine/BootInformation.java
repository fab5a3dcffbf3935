package micros.bench.machine;

import micros.multiboot2.BasicMemory;
import micros.multiboot2.BootInfoImage;
import micros.multiboot2.PlacedModule;
import micros.multiboot2.TagType;

import java.util.List;
import java.util.Set;

/**
 * The boot information the bench's loader writes (multiboot2 specification 3.6, encoded by
 * {@link BootInfoImage}): the command line, the loader's name, the modules as placed, the basic memory
 * information and the memory map of the machine's {@link MemoryMap}, the framebuffer.
 */
public final class BootInformation {
    public static final String LOADER = "micros emu-bench";
    /** The tags it writes: a kernel that requires another is refused (see {@link MultibootLoader#checkSupported}). */
    static final Set<Integer> PROVIDED = Set.of(TagType.COMMAND_LINE.code(), TagType.LOADER_NAME.code(), TagType.MODULE.code(),
            TagType.BASIC_MEMORY.code(), TagType.MEMORY_MAP.code(), TagType.FRAMEBUFFER.code());

    private BootInformation() {}

    public static byte[] build(String cmdline, List<PlacedModule> modules, MemoryMap map, Framebuffer fb) {
        BootInfoImage image = new BootInfoImage(cmdline, LOADER, modules, new BasicMemory(map.memLowerKiB(), map.memUpperKiB()), map.regions(),
                fb == null ? null : fb.tag());
        try {
            return image.bytes();
        } catch (IllegalArgumentException e) { // a string it cannot write
            throw new BootException(e.getMessage());
        }
    }
}
