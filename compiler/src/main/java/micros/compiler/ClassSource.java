package micros.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the compiler finds class files (by internal name, e.g. {@code micros/frames/FrameAllocator}), and
 * where it runs their static initializers at build time: in a class loader of its own, so that the initial
 * values it emits are never those of classes a JVM run (in {@code loader}) has touched.
 */
public final class ClassSource {
    private final ClassLoader loader;
    private final ClassLoader initializers;
    private final Map<String, ClassModel> models = new HashMap<>();

    public ClassSource(ClassLoader loader) {
        this.loader = loader;
        this.initializers = new IsolatedClassLoader(loader);
    }

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

    /** The class initialized on the JVM in the source's own class loader, to read its initial static state. */
    public Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), true, initializers);
        } catch (ClassNotFoundException | ExceptionInInitializerError e) {
            throw new CompileException(internalName.replace('/', '.') + ": cannot initialize on the JVM: " + e);
        }
    }
}
