package micros.compare;

import micros.bench.machine.CpuModel;

import java.nio.file.Path;
import java.util.List;

/**
 * A kernel to boot in both machines: its file, its boot modules (file and string), the CPU model both
 * emulate, and how long each may run: an instruction budget for the bench, seconds for QEMU.
 */
public record BootSpec(Path kernel, List<Module> modules, CpuModel cpu, long maxInstructions, double qemuSeconds) {
    public record Module(Path file, String string) {}

    public BootSpec { modules = List.copyOf(modules); }
}
