package micros.compare;

import micros.bench.machine.CpuModel;
import micros.release.QemuRun;

import java.nio.file.Path;
import java.util.List;

/**
 * A kernel to boot in both machines: its file, its boot modules (file and string), the CPU model both
 * emulate, how long each may run (an instruction budget for the bench, seconds for QEMU), and the kernel's
 * command line, the same in both (the bench's boot information, GRUB's multiboot2 arguments).
 */
public record BootSpec(Path kernel, List<Module> modules, CpuModel cpu, long maxInstructions, double qemuSeconds, String cmdline) {
    /**
     * What compare passes unless told otherwise: our kernel then writes its exit status to the isa-debug-exit
     * port, which both machines have; a kernel without that use ignores it and is judged by how it stopped.
     */
    public static final String EXIT_STATUS_CMDLINE = QemuRun.CMDLINE;

    public record Module(Path file, String string) {}

    public BootSpec { modules = List.copyOf(modules); }

    /** With {@link #EXIT_STATUS_CMDLINE}. */
    public BootSpec(Path kernel, List<Module> modules, CpuModel cpu, long maxInstructions, double qemuSeconds) {
        this(kernel, modules, cpu, maxInstructions, qemuSeconds, EXIT_STATUS_CMDLINE);
    }
}
