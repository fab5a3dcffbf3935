package micros.mm;

import micros.magic.SystemCall;

/**
 * The memory manager's main program. The kernel enters {@link MemoryManagerImage#ENTRY} in ring 3 with
 * rdi = the frame allocator structure and rsi = the multiboot2 boot information (System V's first two
 * arguments, so the entry calls {@link #start} with them as they are).
 */
final class MemoryManager {
    private MemoryManager() {}

    /**
     * Shows the boot screen, then waits for work: nothing asks the memory manager for anything yet, so the
     * kernel, with every process waiting, goes idle. Should a wait return, there is still no work: wait again.
     */
    static void start(long alloc, long bootInformation) {
        show(alloc, bootInformation);
        while (true) SystemCall.call(SystemCall.WAIT);
    }

    /** Draws the boot screen when the boot loader set up a framebuffer it can draw on; false when there is none. */
    static boolean show(long alloc, long bootInformation) {
        long tag = BootInformation.find(bootInformation, BootInformation.FRAMEBUFFER);
        if (tag == 0 || !Framebuffer.use(tag)) return false;
        BootScreen.draw(alloc);
        return true;
    }
}
