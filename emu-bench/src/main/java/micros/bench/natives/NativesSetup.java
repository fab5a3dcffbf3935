package micros.bench.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Brings the locked Unicorn and Capstone packages into the project's cache: a private apt downloads them
 * from the host's Debian mirror, their SHA-256 is checked, {@code dpkg-deb -x} unpacks them, and a manifest
 * says what is in use. Nothing is fetched when the cache already holds what the lock file says.
 * Runs from source ({@code java NativesSetup.java LOCKFILE [--relock]}) before anything is built.
 */
public final class NativesSetup {
    private NativesSetup() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].equals("--relock")) {
            System.err.println("usage: NativesSetup LOCKFILE [--relock]");
            System.exit(2);
        }
        try {
            setup(Path.of(args[0]), args.length == 2, NativeCache.root(), Path.of("/etc/apt"));
        } catch (RuntimeException e) {
            System.err.println("micros: " + e.getMessage());
            System.exit(1);
        }
    }

    static void setup(Path lockFile, boolean relock, Path natives, Path etcApt) {
        String lockText;
        try { lockText = Files.readString(lockFile); } catch (IOException e) { throw new UncheckedIOException(lockFile + ": cannot read the lock file", e); }
        List<LockEntry> lock = LockFile.parse(lockFile.toString(), lockText);
        String lockHash = sha256(lockText.getBytes());
        try {
            Files.createDirectories(natives);
            try (FileChannel ch = FileChannel.open(natives.resolve(".setup-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) { // several worktrees may set up at once
                Map<NativePackage, NativeCache.Installed> present = NativeCache.read(natives);
                boolean current = lockHash.equals(NativeCache.lockHash(natives)) && present.size() == lock.size()
                        && present.values().stream().allMatch(i -> Files.isRegularFile(i.library()));
                if (current && !relock) {
                    for (LockEntry e : lock) noteNewer(e, present.get(e.pkg()).version());
                    return;
                }
                fetch(lock, lockFile, relock, natives, AptSources.discover(etcApt), lockHash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(natives + ": " + e.getMessage(), e);
        }
    }

    private static void fetch(List<LockEntry> lock, Path lockFile, boolean relock, Path natives, AptSources.Mirror mirror, String lockHash) throws IOException {
        List<String> suites = lock.stream().map(LockEntry::suite).distinct().toList();
        PrivateApt apt = new PrivateApt(natives.resolve("apt"), AptSources.privateSources(mirror, suites));
        System.err.println("micros: fetching " + String.join(", ", lock.stream().map(e -> e.pkg().debianName() + " " + e.version()).toList())
                + " from " + mirror.uri() + " (" + String.join(", ", suites) + ") into " + natives);
        apt.update();
        Path debs = Files.createDirectories(natives.resolve("debs"));
        List<NativeCache.Installed> installed = new ArrayList<>();
        List<LockEntry> relocked = new ArrayList<>();
        for (LockEntry e : lock) {
            String name = e.pkg().debianName();
            DebianVersion version = switch (VersionChoice.choose(name, e.suite(), e.version(), apt.versions(name, e.suite()))) {
                case VersionChoice.Locked l -> l.version();
                case VersionChoice.Newer n -> n.found();
                case VersionChoice.Refused r -> throw new IllegalStateException(r.reason());
            };
            String indexHash = apt.indexSha256(name, version);
            boolean locked = version.compareTo(e.version()) == 0;
            if (locked && !indexHash.equals(e.sha256()))
                throw new IllegalStateException(name + " " + version + ": the archive's SHA-256 is " + indexHash + ", the lock file says " + e.sha256());
            noteNewer(e, version);
            Path deb = apt.download(name, version, debs);
            String actual = sha256(Files.readAllBytes(deb));
            if (!actual.equals(indexHash)) {
                Files.delete(deb);
                throw new IllegalStateException(deb + ": SHA-256 " + actual + ", expected " + indexHash);
            }
            installed.add(new NativeCache.Installed(e.pkg(), version, unpack(deb, natives.resolve(name + "_" + version.toString().replace(':', '_')), e.pkg())));
            relocked.add(new LockEntry(e.pkg(), version, e.suite(), indexHash));
        }
        NativeCache.write(natives, relock ? sha256(LockFile.format(relocked).getBytes()) : lockHash, installed);
        if (relock) {
            Files.writeString(lockFile, LockFile.format(relocked));
            System.err.println("micros: " + lockFile + " now locks " + String.join(", ", relocked.stream().map(l -> l.pkg().debianName() + " " + l.version()).toList()));
        }
    }

    /** The one line saying the cache runs a newer version than the lock file names. */
    private static void noteNewer(LockEntry e, DebianVersion inUse) {
        if (inUse.compareTo(e.version()) != 0)
            System.err.println("micros: " + e.pkg().debianName() + " " + e.version() + " (locked) is gone from " + e.suite() + "; using "
                    + inUse + " (to lock it: ./micros setup --relock)");
    }

    /** dpkg-deb -x into a fresh folder, renamed into place whole; plus an unversioned link to the library. */
    private static Path unpack(Path deb, Path target, NativePackage pkg) throws IOException {
        if (Files.isRegularFile(pkg.library(target))) return target;
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".");
        Processes.run("dpkg-deb -x " + deb.getFileName(), List.of("dpkg-deb", "-x", deb.toString(), tmp.toString()), tmp, Map.of());
        Path library = pkg.library(tmp);
        if (!Files.isRegularFile(library)) throw new IllegalStateException(deb + " has no " + tmp.relativize(library));
        String file = library.getFileName().toString();
        Files.createSymbolicLink(library.resolveSibling(file.substring(0, file.indexOf(".so") + 3)), library.getFileName());
        if (Files.exists(target)) deleteTree(target); // a half-unpacked folder from an interrupted run
        Files.move(tmp, target);
        return target;
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    static String sha256(byte[] bytes) {
        try { return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)); }
        catch (NoSuchAlgorithmException e) { throw new IllegalStateException(e); }
    }
}
