package micros.compare;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A QEMU release, as {@code qemu-system-x86_64 --version} names it. */
public record QemuVersion(int major, int minor, int micro) implements Comparable<QemuVersion> {
    private static final Pattern VERSION = Pattern.compile("QEMU emulator version (\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Reads the version out of {@code --version}'s first line. */
    public static QemuVersion parse(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) throw new IllegalArgumentException("qemu-system-x86_64 --version: no 'QEMU emulator version X.Y' in '" + versionOutput.lines().findFirst().orElse("") + "'");
        return new QemuVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override public int compareTo(QemuVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(micro, o.micro);
    }

    @Override public String toString() { return major + "." + minor + "." + micro; }
}
