package micros.crosscheck.boot;

import micros.bench.machine.BootModule;
import micros.bench.machine.CpuModel;
import micros.bench.machine.Framebuffer;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.MemoryMap;
import micros.kernel.RandomMachines;
import micros.multiboot2.MemoryRegion;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel tests' random machines ({@link RandomMachines}, the space the JVM properties draw from) as the
 * bench builds them, to boot micros.elf with a memory manager: a CPU model with or without 1 GiB pages,
 * the map, the modules and boot information where the machine says (or where the bench's loader puts them).
 */
final class BenchMachines {
    static final CpuModel WITH_GIB_PAGES = CpuModel.EPYC_ROME, WITHOUT = CpuModel.QEMU64;

    private BenchMachines() {}

    /** Machines for booting the kernel image [kernelStart, kernelEnd) with a memory manager of {@code memoryManager.length} bytes. */
    static Arbitrary<RandomMachines.Machine> machines(long[] kernelExtent, byte[] memoryManager) {
        return RandomMachines.machines(RandomMachines.Space.bench(kernelExtent[0], kernelExtent[1], memoryManager.length));
    }

    static CpuModel cpu(RandomMachines.Machine m) { return m.gibPages() ? WITH_GIB_PAGES : WITHOUT; }

    /** The bench's configuration of {@code m}, its first module {@code memoryManager}, the others recognisable filler. */
    static MachineConfig config(RandomMachines.Machine m, byte[] memoryManager) {
        List<BootModule> ms = new ArrayList<>();
        for (int i = 0; i < m.modules().size(); i++) {
            RandomMachines.Machine.Module p = m.modules().get(i);
            byte[] bytes = i == 0 ? memoryManager : filler((int) p.size(), i);
            if (bytes.length != p.size()) throw new IllegalArgumentException("module " + i + ": " + bytes.length + " bytes, the machine has room for " + p.size());
            ms.add(new BootModule(i == 0 ? "mm.elf" : "module" + i, bytes, p.string(), p.at().orElse(BootModule.LOADER_CHOOSES)));
        }
        return MachineConfig.defaults().withMemoryMap(MemoryMap.of(m.map())).withCpu(cpu(m)).withModules(ms)
                .withFramebuffer(new Framebuffer(m.framebuffer().address(), m.framebuffer().width(), m.framebuffer().height()))
                .withBootInfoAddress(m.info().orElse(BootModule.LOADER_CHOOSES)).withCmdline(m.cmdline());
    }

    /** What kind of machine this is, for a property's statistics (the machine mix). */
    static void collectStatistics(RandomMachines.Machine m) {
        MemoryMap map = MemoryMap.of(m.map());
        long fb = m.framebuffer().address();
        Statistics.label("memory").collect(m.top() < RandomMachines.GIB ? "under 1 GiB" : m.top() < 8 * RandomMachines.GIB ? "1-8 GiB" : "8-64 GiB");
        Statistics.label("cpu").collect(cpu(m).cliName());
        Statistics.label("framebuffer").collect(map.inRam(fb, m.framebuffer().size()) ? "in RAM"
                : fb >= RandomMachines.FOUR_GIB ? "outside RAM, above 4 GiB" : "outside RAM, below 4 GiB");
        Statistics.label("modules placed by address").collect(m.modules().stream().filter(p -> p.at().isPresent()).count() + " of " + m.modules().size());
        Statistics.label("entry types").collect(m.map().stream().map(MemoryRegion::type).distinct().count() + " of 5");
    }

    /** A module's bytes: recognisable, not all zero. */
    static byte[] filler(int size, int index) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i * 31 + index);
        return b;
    }
}
