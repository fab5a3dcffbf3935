package micros.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bad command line is exit status 2 and one line naming the option and the value, the same for a shared
 * option in every command that takes it; nothing runs.
 */
class UsageErrorTest {
    static final String KERNEL = "../fixtures/target/hello.elf";

    static void usage(String expected, String... args) {
        Run r = Run.of(args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(expected, r.errorLine());
        assertEquals("", r.out());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            boot    | --memory    | 12Q       | not a size (use e.g. 128M or 4G)
            step    | --memory    | 12Q       | not a size (use e.g. 128M or 4G)
            gdb     | --memory    | 1M        | must be at least 2M and a multiple of 4K
            boot    | --memory    | 3000001   | must be at least 2M and a multiple of 4K
            boot    | --max-insns | lots      | not a whole number (use e.g. 1000000 or 50M)
            compare | --max-insns | 0         | must be at least 1
            boot    | --max-insns | -5        | not a whole number (use e.g. 1000000 or 50M)
            boot    | --cpu       | pentium9  | no such CPU model (--cpu help lists them)
            compare | --cpu       | pentium9  | no such CPU model (--cpu help lists them)
            qemu    | --cpu       | pentium9  | no such CPU model (--cpu help lists them)
            gdb     | --cpu       | pentium9  | no such CPU model (--cpu help lists them)
            boot    | --kernel    | nowhere.elf | no such file
            compare | --kernel    | nowhere.elf | no such file
            iso     | --kernel    | nowhere.elf | no such file
            release | --kernel    | nowhere.elf | no such file
            qemu    | --kernel    | ..        | a directory, not a file
            boot    | --module    | nowhere.elf:mm | nowhere.elf: no such file
            iso     | --module    | nowhere.elf    | nowhere.elf: no such file
            compare | --module    | :mm       | no file before the ':'
            gdb     | --port      | 70000     | not a port number (0 to 65535)
            qemu    | --timeout   | soon      | not a whole number (use e.g. 1000000 or 50M)
            test    | --campaign  | x         | not a whole number (use e.g. 1000000 or 50M)
            run-method | --load     | 0x1000    | not ADDRESS=FILE
            run-method | --load     | 0x1000=none.bin | no such file
            """)
    void aBadValueNamesTheOptionAndTheValue(String command, String option, String value, String why) {
        usage("micros " + command + ": " + option + " '" + value + "': " + why, command, option, value);
        usage("micros " + command + ": " + option + " '" + value + "': " + why, command, option + "=" + value);
    }

    @Test
    void unknownOptionsCommandsAndArguments() {
        usage("micros boot: unknown option '--kvm'", "boot", "--kvm");
        usage("micros compare: unknown option '--kvm'", "compare", "--kernel", KERNEL, "--kvm");
        usage("micros build: unknown option '--fast'", "build", "--fast");
        usage("micros: unknown command 'bogus' (./micros --help lists them)", "bogus");
        usage("micros iso: unexpected argument 'extra'", "iso", "extra");
    }

    @Test
    void missingValuesAndRequiredOptions() {
        usage("micros boot: --cpu needs a value", "boot", "--cpu");
        usage("micros compare: --kernel FILE is required", "compare");
        usage("micros run-method: --classes DIR|JAR is required", "run-method", "A.b");
        usage("micros keys new: DIR is required", "keys", "new");
        usage("micros run-method: CLASS.METHOD is required", "run-method", "--classes", "x");
    }

    @Test
    void optionsThatExcludeEachOther() {
        usage("micros qemu: --uefi, --secure-boot are mutually exclusive (specify only one)", "qemu", "--uefi", "--secure-boot");
        usage("micros run-method: --jvm, --compare are mutually exclusive (specify only one)", "run-method", "--classes", ".", "A.b", "--jvm", "--compare");
    }

    @Test
    void theLaunchersOwnCommandsRunOnlyThere() {
        usage("micros test: runs in the ./micros launcher; start it as ./micros test", "test", "--campaign", "3");
    }
}
