package micros.bench.natives;

import java.util.List;
import java.util.Optional;

/**
 * Which version of a locked package to take from what the archive offers: the locked one while it is there;
 * once it is gone (unstable moves on), the newest of the same major.minor at or above it; never an older one
 * or another minor version, whose behaviour the bench has not been checked against.
 */
public sealed interface VersionChoice {
    record Locked(DebianVersion version) implements VersionChoice {}

    record Newer(DebianVersion locked, DebianVersion found) implements VersionChoice {}

    record Refused(String reason) implements VersionChoice {}

    static VersionChoice choose(String pkg, String suite, DebianVersion locked, List<DebianVersion> available) {
        if (available.stream().anyMatch(v -> v.compareTo(locked) == 0)) return new Locked(locked);
        Optional<DebianVersion> newest = available.stream().filter(v -> v.sameMinor(locked) && v.compareTo(locked) > 0).max(DebianVersion::compareTo);
        if (newest.isPresent()) return new Newer(locked, newest.get());
        long[] mm = locked.leading(2);
        return new Refused(pkg + ": " + suite + " offers " + (available.isEmpty() ? "no version" : available.stream().sorted().map(Object::toString).toList())
                + ", the bench needs " + mm[0] + "." + mm[1] + ".x at or above the locked " + locked);
    }
}
