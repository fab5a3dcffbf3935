package micros.bench.natives;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule for taking a locked package from an archive that moves on. */
class VersionChoiceTest {
    static final DebianVersion LOCKED = DebianVersion.parse("2.1.4-4");

    @Provide
    Arbitrary<DebianVersion> versions() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(1, 6), Arbitraries.of("", "+b1", "~rc1", "+deb12u1"))
                .as((major, minor, patch, rev, suffix) -> DebianVersion.parse(major + "." + minor + "." + patch + "-" + rev + suffix));
    }

    @Property
    void theChoiceIsTheLockedVersionOrTheNewestOfItsMinorAboveIt(@ForAll("offers") List<DebianVersion> offered) {
        VersionChoice c = VersionChoice.choose("libunicorn2t64", "sid", LOCKED, offered);
        List<DebianVersion> eligible = offered.stream().filter(v -> v.sameMinor(LOCKED) && v.compareTo(LOCKED) >= 0).toList();
        switch (c) {
            case VersionChoice.Locked l -> {
                assertEquals(0, l.version().compareTo(LOCKED));
                assertTrue(offered.stream().anyMatch(v -> v.compareTo(LOCKED) == 0));
            }
            case VersionChoice.Newer n -> {
                assertTrue(offered.stream().noneMatch(v -> v.compareTo(LOCKED) == 0), "the locked version is taken while it is there");
                assertTrue(n.found().sameMinor(LOCKED) && n.found().compareTo(LOCKED) > 0, n.found() + " is 2.1.x above 2.1.4-4");
                assertTrue(eligible.stream().allMatch(v -> v.compareTo(n.found()) <= 0), "the newest eligible one");
            }
            case VersionChoice.Refused r -> {
                assertTrue(eligible.isEmpty(), "refused although " + eligible + " would do");
                assertTrue(r.reason().startsWith("libunicorn2t64: sid offers ") && r.reason().contains("2.1.x at or above the locked 2.1.4-4"), r.reason());
            }
        }
    }

    @Provide
    Arbitrary<List<DebianVersion>> offers() {
        return Arbitraries.oneOf(versions(), Arbitraries.just(LOCKED)).list().ofMaxSize(6);
    }

    @Property
    void debianOrderIsATotalOrderThatAgreesWithNumbersForPlainVersions(@ForAll("versions") DebianVersion a, @ForAll("versions") DebianVersion b) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
        long[] x = a.leading(3), y = b.leading(3);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                assertEquals(Long.signum(x[i] - y[i]), Integer.signum(a.compareTo(b)), a + " vs " + b);
                return;
            }
        }
    }

    @Test
    void debianOrderingRules() {
        String[] ascending = {"2.1.3-9", "2.1.4~rc1-1", "2.1.4-1", "2.1.4-4", "2.1.4-4+b1", "2.1.4a-1", "2.1.10-1", "1:0.1-1"};
        for (int i = 0; i + 1 < ascending.length; i++)
            assertTrue(DebianVersion.parse(ascending[i]).compareTo(DebianVersion.parse(ascending[i + 1])) < 0, ascending[i] + " < " + ascending[i + 1]);
        assertEquals(0, DebianVersion.parse("2.1.04-4").compareTo(DebianVersion.parse("2.1.4-4")), "leading zeros do not count");
    }

    @Test
    void anotherMinorOrAnOlderVersionIsRefused() {
        var r = assertInstanceOf(VersionChoice.Refused.class, VersionChoice.choose("libunicorn2t64", "sid", LOCKED,
                List.of(DebianVersion.parse("2.2.0-1"), DebianVersion.parse("2.1.1-3"))));
        assertEquals("libunicorn2t64: sid offers [2.1.1-3, 2.2.0-1], the bench needs 2.1.x at or above the locked 2.1.4-4", r.reason());
        var n = assertInstanceOf(VersionChoice.Newer.class, VersionChoice.choose("libunicorn2t64", "sid", LOCKED,
                List.of(DebianVersion.parse("2.1.5-1"), DebianVersion.parse("2.1.6-1"), DebianVersion.parse("2.2.0-1"))));
        assertEquals("2.1.6-1", n.found().toString());
    }
}
