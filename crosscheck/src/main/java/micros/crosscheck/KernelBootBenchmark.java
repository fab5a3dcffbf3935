package micros.crosscheck;

import micros.asm.ElfFile;
import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.kernel.boot.KernelImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the kernel's figures: the instructions from the kernel's entry to the memory manager's first
 * instruction (on the default machine and a 16 GiB one), the image size, the kernel's compile time, and
 * the same boot of the seed's release kernel for the ratio.
 * {@code KernelBootBenchmark [MEMORY_MANAGER_ELF [SEED_KERNEL_ELF]]}.
 */
public final class KernelBootBenchmark {
    static final long BUDGET = 200_000_000;

    public static void main(String[] args) throws Exception {
        Path mm = Path.of(args.length > 0 ? args[0] : "fixtures/target/mm-spin.elf");
        Path seed = Path.of(args.length > 1 ? args[1] : "fixtures/seed/micros.elf");  // the seed's release kernel, kept with its license
        long t0 = System.nanoTime();
        byte[] kernel = KernelImage.build().bytes();
        System.out.printf("kernel: built (boot path assembled, kernel-Java compiled, linked) in %.0f ms, cold JVM%n", (System.nanoTime() - t0) / 1e6);
        System.out.printf("kernel: image %,d bytes, %,d bytes loaded from the file%n", kernel.length, loaded(kernel));
        byte[] mmBytes = Files.readAllBytes(mm);
        for (long ram : new long[] {MachineConfig.defaults().ram(), 16L << 30}) {
            long ours = toMemoryManager("micros.elf", kernel, mmBytes, ram);
            String line = String.format("boot to the memory manager's first instruction, %,d MiB: micros %,d instructions", ram >> 20, ours);
            if (Files.exists(seed)) {
                try {
                    long theirs = toMemoryManager("seed micros.elf", Files.readAllBytes(seed), mmBytes, ram);
                    line += String.format(", seed %,d (ratio %.2fx)", theirs, (double) ours / theirs);
                } catch (micros.bench.machine.BootException e) {
                    line += ", seed not bootable in the bench (" + e.getMessage() + ")";
                }
            }
            System.out.println(line);
        }
        if (Files.exists(seed)) System.out.printf("seed kernel: image %,d bytes, %,d bytes loaded%n", Files.size(seed), loaded(Files.readAllBytes(seed)));
    }

    /** Instructions executed from the kernel's entry until the memory manager's entry point is reached. */
    static long toMemoryManager(String name, byte[] kernel, byte[] mm, long ram) {
        MachineConfig config = MachineConfig.defaults().withRam(ram).withModules(List.of(new BootModule("mm.elf", mm, "memory_manager")));
        try (Machine m = Machine.boot(name, kernel, config)) {
            m.stopAt(ElfFile.read("mm.elf", mm).entry(), "memory manager entry");
            StopReason why = m.run(BUDGET);
            if (!(why instanceof StopReason.Breakpoint)) throw new IllegalStateException(name + " did not reach the memory manager: " + why + "\n" + m.serial().text());
            return m.instructionsExecuted();
        }
    }

    static long loaded(byte[] elf) {
        return ElfFile.read("elf", elf).programHeaders().stream().filter(ElfFile.ProgramHeader::isLoad).mapToLong(ElfFile.ProgramHeader::fileSize).sum();
    }
}
