package micros.bench.natives;

/** One line of the lock file: exactly which .deb of which suite the project uses, and its SHA-256. */
public record LockEntry(NativePackage pkg, DebianVersion version, String suite, String sha256) {
    public LockEntry {
        if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(pkg.debianName() + ": '" + sha256 + "' is not a SHA-256 (64 lower-case hex digits)");
        if (!suite.matches("[a-z0-9-]+")) throw new IllegalArgumentException(pkg.debianName() + ": '" + suite + "' is not a suite name");
    }

    public String line() { return pkg.debianName() + " " + version + " " + suite + " " + sha256; }
}
