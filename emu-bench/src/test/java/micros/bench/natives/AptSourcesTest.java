package micros.bench.natives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host's mirror and keyring, found in the apt sources of a Debian 12 and a Debian 13 host. */
class AptSourcesTest {
    static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

    private static Path etc(Path dir, String file, String text) throws IOException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return dir;
    }

    @Test
    void debian12OneLineSourcesList(@TempDir Path dir) throws IOException {
        etc(dir, "sources.list", """
                # deb cdrom:[Debian GNU/Linux 12.11.0 _Bookworm_]/ bookworm main
                deb http://security.debian.org/debian-security bookworm-security main
                deb [arch=amd64 signed-by=/etc/apt/keyrings/mirror.gpg] http://ftp.de.debian.org/debian/ bookworm main non-free-firmware
                deb-src http://ftp.de.debian.org/debian/ bookworm main
                """);
        assertEquals(new AptSources.Mirror("http://ftp.de.debian.org/debian/", List.of("/etc/apt/keyrings/mirror.gpg")), AptSources.discover(dir));
    }

    @Test
    void debian12CloudImageDeb822AsOnThisMachine(@TempDir Path dir) throws IOException {
        etc(dir, "sources.list.d/debian.sources", """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
                """);
        etc(dir, "sources.list.d/google-cloud-sdk.list.disabled-by-farm", "deb https://packages.cloud.google.com/apt cloud-sdk main\n");
        assertEquals(new AptSources.Mirror("http://deb.debian.org/debian", List.of(KEYRING)), AptSources.discover(dir));
    }

    @Test
    void debian13Deb822WithSecurityFirstAndADisabledEntry(@TempDir Path dir) throws IOException {
        etc(dir, "sources.list", "# See /etc/apt/sources.list.d/debian.sources\n");
        etc(dir, "sources.list.d/debian.sources", """
                Types: deb deb-src
                URIs: https://security.debian.org/debian-security
                Suites: trixie-security
                Components: main contrib non-free non-free-firmware
                Signed-By: /usr/share/keyrings/debian-archive-keyring.pgp

                Enabled: no
                Types: deb
                URIs: http://old.mirror.example/debian
                Suites: trixie
                Components: main

                Types: deb deb-src
                URIs: https://mirror.example.org/debian/
                Suites: trixie trixie-updates
                Components: main contrib non-free non-free-firmware
                Signed-By: /usr/share/keyrings/debian-archive-keyring.pgp
                """);
        AptSources.Mirror m = AptSources.discover(dir);
        assertEquals(new AptSources.Mirror("https://mirror.example.org/debian/", List.of("/usr/share/keyrings/debian-archive-keyring.pgp")), m);
        // Debian 13 has no libcapstone4 and an unusable Unicorn: the private list names the lock's suites, not the host's.
        assertEquals("""
                Types: deb
                URIs: https://mirror.example.org/debian/
                Suites: sid bookworm
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.pgp
                """, AptSources.privateSources(m, List.of("sid", "bookworm")));
    }

    @Test
    void anEmbeddedKeyIsCarriedOverWhole(@TempDir Path dir) throws IOException {
        etc(dir, "sources.list.d/local.sources", """
                Types: deb
                URIs: http://mirror.example/debian
                Suites: trixie
                Components: main
                Signed-By:
                 -----BEGIN PGP PUBLIC KEY BLOCK-----
                 .
                 mQINBGPL0BUBEADmW5NlOA==
                 -----END PGP PUBLIC KEY BLOCK-----
                """);
        AptSources.Mirror m = AptSources.discover(dir);
        assertEquals(List.of("-----BEGIN PGP PUBLIC KEY BLOCK-----", "", "mQINBGPL0BUBEADmW5NlOA==", "-----END PGP PUBLIC KEY BLOCK-----"), m.signedBy());
        assertTrue(AptSources.privateSources(m, List.of("sid")).endsWith("""
                Signed-By:
                 -----BEGIN PGP PUBLIC KEY BLOCK-----
                 .
                 mQINBGPL0BUBEADmW5NlOA==
                 -----END PGP PUBLIC KEY BLOCK-----
                """));
    }

    @Test
    void onlyASecurityArchiveIsAOneLineError(@TempDir Path dir) throws IOException {
        etc(dir, "sources.list", "deb http://security.debian.org/debian-security bookworm-security main\n");
        var e = assertThrows(IllegalStateException.class, () -> AptSources.discover(dir));
        assertTrue(e.getMessage().startsWith("no Debian archive mirror") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
