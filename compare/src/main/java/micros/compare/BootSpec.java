package micros.compare;

import micros.bench.machine.CpuModel;

import java.nio.file.Path;
import java.util.List;

/**
 * A kernel to boot in both machines: its file, its boot modules (file and string), the CPU model both
 * emulate, and how long each may run: an instruction budget for the bench, seconds for QEMU.
 */
public record BootSpec(Path kernel, List<Module> modules, CpuModel cpu, long maxInstructions, double qemuSeconds) {
    public record Module(Path file, String string) {
        /** {@code FILE[:STRING]}, the string defaulting to the file's name, as {@code micros boot} takes it. */
        public static Module parse(String spec) {
            int colon = spec.indexOf(':');
            Path file = Path.of(colon < 0 ? spec : spec.substring(0, colon));
            return new Module(file, colon < 0 ? file.getFileName().toString() : spec.substring(colon + 1));
        }
    }

    public BootSpec { modules = List.copyOf(modules); }
}
