package micros.kernel;

import micros.magic.Memory;

/**
 * The kernel's command line (the multiboot2 command-line tag, a NUL-terminated string): words separated by
 * spaces. The kernel reads one option from it, {@code exit=isa-debug} (see {@link ExitStatus}).
 */
public final class CommandLine {
    /** Far longer than any command line GRUB passes; a string without NUL there ends the search. */
    static final int MAX = 4096;

    private CommandLine() {}

    /** Whether the string at {@code s} (0: none) holds {@code word} as a whole word. */
    public static boolean hasWord(long s, byte[] word) {
        if (s == 0) return false;
        long at = s;
        while (at < s + MAX) {
            while (Memory.read8(at) == ' ') at++;
            if (Memory.read8(at) == 0) return false;
            int i = 0;
            while (i < word.length && Memory.read8(at + i) == word[i]) i++;
            int after = Memory.read8(at + i);
            if (i == word.length && (after == ' ' || after == 0)) return true;
            while (Memory.read8(at) != ' ' && Memory.read8(at) != 0) at++;
        }
        return false;
    }
}
