package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * An OVMF variable store with Secure Boot on whose PK, KEK and db hold one certificate, written offline
 * with efitools' flash-var into a copy of the empty OVMF_VARS_4M.fd: with a PK present edk2 is in user
 * mode and enforces Secure Boot. flash-var's {@code -g} sets the variable's vendor GUID, not the owner
 * (with it PK lands under a foreign GUID and Secure Boot is silently off), so it is never passed, and the
 * result is read back to check that each variable is where the firmware looks.
 */
public final class SecureBootVars {
    public static final Path EMPTY = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    private SecureBootVars() {}

    /** Writes {@code out} with the certificate {@code certPem} as PK, KEK and db. */
    public static Path make(Path certPem, Path out) {
        Tools.require("flash-var", "efitools");
        Tools.require("cert-to-efi-sig-list", "efitools");
        if (!Files.isRegularFile(EMPTY)) throw new ReleaseException(EMPTY + ": not found (install the Debian package ovmf)");
        if (!Files.isRegularFile(certPem)) throw new ReleaseException(certPem + ": certificate not found");
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".vars");
            try {
                Path esl = work.resolve("db.esl"), der = work.resolve("db.cer"), vars = work.resolve("vars.fd");
                Tools.run("cert-to-efi-sig-list", "-g", KeyPair.OWNER_GUID, certPem.toString(), esl.toString());
                Tools.run("openssl", "x509", "-in", certPem.toString(), "-outform", "DER", "-out", der.toString());
                Files.copy(EMPTY, vars);
                for (String v : new String[] {"PK", "KEK", "db"}) Tools.run("flash-var", vars.toString(), v, esl.toString());
                check(Files.readAllBytes(vars), Files.readAllBytes(der), out);
                return Files.move(vars, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Tools.deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
    }

    /** Fails naming the variable unless PK and KEK (global) and db (image security database) hold {@code der}. */
    static void check(byte[] fd, byte[] der, Path file) {
        VarStore store = VarStore.parse(fd);
        String[][] wanted = {{"PK", "global"}, {"KEK", "global"}, {"db", "security"}};
        for (String[] w : wanted) {
            var v = store.live(w[0], w[1].equals("global") ? VarStore.GLOBAL : VarStore.IMAGE_SECURITY_DATABASE);
            if (v == null) throw new ReleaseException(file + ": no " + w[0] + " under its EFI vendor GUID; Secure Boot would be off");
            if (v.certificates().stream().noneMatch(c -> Arrays.equals(c, der)))
                throw new ReleaseException(file + ": " + w[0] + " does not hold the certificate");
        }
    }
}
