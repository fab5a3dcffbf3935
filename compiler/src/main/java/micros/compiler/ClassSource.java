package micros.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the compiler finds class files (by internal name, e.g. {@code micros/frames/FrameAllocator}) and
 * the class loader that runs their static initializers at build time.
 */
public final class ClassSource {
    private final ClassLoader loader;
    private final Map<String, ClassModel> models = new HashMap<>();

    public ClassSource(ClassLoader loader) { this.loader = loader; }

    public ClassLoader loader() { return loader; }

    /** The parsed class, or null when the loader has no such class file. */
    public ClassModel find(String internalName) {
        return models.computeIfAbsent(internalName, n -> {
            try (InputStream in = loader.getResourceAsStream(n + ".class")) {
                return in == null ? null : ClassFile.of().parse(in.readAllBytes());
            } catch (IOException e) {
                throw new CompileException(n + ": cannot read class file: " + e.getMessage());
            }
        });
    }

    /** The class initialized on the JVM, to read its static state. */
    public Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), true, loader);
        } catch (ClassNotFoundException | ExceptionInInitializerError e) {
            throw new CompileException(internalName.replace('/', '.') + ": cannot initialize on the JVM: " + e);
        }
    }
}
