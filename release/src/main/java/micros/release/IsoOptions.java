package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What goes on an ISO, as the release commands' options say it: the kernel (null: the build's), the boot
 * modules (none given: the memory manager if it is built), the signing-key options given ({@code --db-key}
 * and the others of {@link SigningKeys#OPTIONS}, by option name), and whether to leave it unsigned.
 */
public record IsoOptions(Path kernel, List<IsoBuilder.Module> modules, Map<String, String> keys, boolean plain) {
    public IsoOptions {
        modules = List.copyOf(modules);
        keys = Map.copyOf(keys);
    }

    /** The build's kernel and memory manager, signed with the development keys unless MICROS_* name others. */
    public static IsoOptions defaults() { return new IsoOptions(null, List.of(), Map.of(), false); }

    Path kernelFile() { return kernel != null ? kernel : Project.KERNEL; }

    List<IsoBuilder.Module> bootModules() {
        List<IsoBuilder.Module> out = new ArrayList<>(modules);
        if (out.isEmpty() && Files.isRegularFile(Project.MEMORY_MANAGER)) out.add(new IsoBuilder.Module(Project.MEMORY_MANAGER, Project.MEMORY_MANAGER_STRING));
        return out;
    }

    /** The unsigned spec: kernel, modules and the date of the checked-out commit. */
    IsoBuilder.Spec unsignedSpec() {
        return new IsoBuilder.Spec(kernelFile(), bootModules(), Optional.empty(), SourceDate.of(Path.of("."), System.getenv()));
    }

    /** The spec, signed with the keys the options or MICROS_* variables name (else the development keys) unless plain. */
    IsoBuilder.Spec spec() {
        IsoBuilder.Spec spec = unsignedSpec();
        return plain ? spec : spec.signedWith(SigningKeys.from(keys, System.getenv(), () -> Project.developmentKeys().signingKeys()));
    }
}
