package micros.bench.cli;

import micros.fixtures.ApicKernels;
import micros.fixtures.ExceptionKernels;
import micros.fixtures.SyscallKernels;
import micros.fixtures.Fixtures;
import micros.fixtures.LoaderKernels;
import micros.fixtures.MmuKernels;
import micros.fixtures.PagingKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import micros.bench.machine.CpuModel;
import micros.bench.machine.MachineConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture kernel the fixtures module writes, booted as {@code micros boot} boots it, as a
 * developer runs it: the exit status and the line that proves the fixture's behaviour.
 */
class FixtureBootTest {
    static final Path FIXTURES = Path.of("../fixtures/target");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hello.elf            | 0 | HELLO
            failing-check.elf    | 0 | FAILING_CHECK
            exceptions.elf       | 0 | DOUBLE_FAULT
            triple-fault.elf     | 1 | triple fault (vectors 3, 13, 8)
            missing-gate.elf     | 0 | TYPE_BEFORE_PRESENT
            user-page-fault.elf  | 0 | GENERAL_PROTECTION
            user-interrupts.elf  | 0 | REFUSED
            syscall.elf          | 0 | SYSCALL_EXIT
            syscall-without-sce.elf | 0 | SYSCALL_UNDEFINED
            apic-timer.elf       | 0 | APIC_TICKS
            user-preemption.elf  | 0 | PREEMPTED
            remapped-window.elf  | 0 | clean halt
            remapped-ram.elf     | 0 | REMAPPED_RAM
            page-faults.elf      | 0 | PAGE_FAULTS
            gib-page.elf         | 0 | GIB_PAGE_RESERVED
            gib-page.elf --cpu epyc-rome | 0 | GIB_PAGE
            interrupts32.elf     | 0 | BACK32
            loader-stack.elf     | 0 | LOADER_STACK
            idle-spin.elf        | 0 | a jump to itself in 64-bit long mode, paging on, CPL 3, no interrupt source armed
            idle-hlt.elf         | 0 | hlt with interrupts on in 32-bit protected mode, paging off, CPL 0, no interrupt source armed
            loop.elf             | 1 | instruction budget of 1000 exhausted
            hello32.elf          | 0 | BOOTED
            short-end-tag.elf    | 0 | BOOTED
            console-flags-tag.elf | 0 | BOOTED
            no-end-tag.elf       | 0 | BOOTED
            address-tag.bin      | 0 | BOOTED
            address-tag-from-start.bin | 0 | BOOTED
            """)
    void bootsAsTheCommandLineDoes(String fixture, int status, String expect) throws Exception {
        String line = switch (expect) {
            case "HELLO" -> Fixtures.HELLO_LINE;
            case "FAILING_CHECK" -> Fixtures.FAILING_CHECK_LINE;
            case "DOUBLE_FAULT" -> ExceptionKernels.DOUBLE_FAULT;
            case "TYPE_BEFORE_PRESENT" -> ExceptionKernels.TYPE_BEFORE_PRESENT + "\n" + ExceptionKernels.PRESENT_AFTER_TYPE;
            case "GENERAL_PROTECTION" -> ExceptionKernels.GENERAL_PROTECTION;
            case "REFUSED" -> ExceptionKernels.REFUSED;
            case "SYSCALL_EXIT" -> SyscallKernels.SYSCALL_EXIT;
            case "SYSCALL_UNDEFINED" -> SyscallKernels.SYSCALL_UNDEFINED;
            case "APIC_TICKS" -> ApicKernels.APIC_TICKS;
            case "PREEMPTED" -> ApicKernels.PREEMPTED;
            case "BACK32" -> Fixtures.BACK32_LINE;
            case "BOOTED" -> micros.fixtures.HeaderKernels.BOOTED;
            case "LOADER_STACK" -> LoaderKernels.LOADER_STACK_LINE + "\n" + LoaderKernels.LOADER_STACK_KEPT;
            case "REMAPPED_RAM" -> PagingKernels.REMAPPED_RAM;
            case "PAGE_FAULTS" -> MmuKernels.DONE;
            case "GIB_PAGE_RESERVED" -> MmuKernels.pageFaultLine(0x9, MmuKernels.WINDOW + 0x10_0000); // qemu64: PS reserved in a PDPT entry
            case "GIB_PAGE" -> MmuKernels.GIB_PAGE;
            default -> expect;
        };
        String[] words = fixture.split(" "); // the file, then options
        Path kernel = FIXTURES.resolve(words[0]);
        assertTrue(Files.exists(kernel), kernel + " is written by the fixtures module");
        CpuModel cpu = words.length > 2 && words[1].equals("--cpu") ? CpuModel.named(words[2]) : CpuModel.DEFAULT;
        long budget = fixture.equals("loop.elf") ? 1000 : BootCommand.DEFAULT_BUDGET;
        BootCommand.Options o = new BootCommand.Options(kernel, List.of(), BootCommand.DEFAULT_MEMORY, budget, "", null, null, null,
                MachineConfig.DEFAULT_INSTRUCTIONS_PER_APIC_TICK, cpu);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true);
        int exit = BootCommand.run(o, both, both);
        String out = bytes.toString();
        assertEquals(status, exit, out);
        assertTrue(out.contains(line), out);
    }
}
