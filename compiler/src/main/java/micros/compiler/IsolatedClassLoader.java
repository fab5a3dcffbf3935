package micros.compiler;

import java.io.IOException;
import java.io.InputStream;

/**
 * A class loader that defines kernel-Java classes itself, from the class files of another loader, so that
 * their static state is their own: separate from the same classes loaded anywhere else, and fresh. The
 * compiler runs class initializers in one to take static initial values no JVM run has touched; a JVM run
 * of kernel-Java gets one to start from those same values. The JDK and the intrinsics ({@code micros.magic},
 * whose simulated machine a test installs) stay shared with the parent.
 */
public final class IsolatedClassLoader extends ClassLoader {
    private final ClassLoader files;

    public IsolatedClassLoader(ClassLoader files) {
        super(files);
        this.files = files;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = shared(name) ? null : classFile(name);
                if (bytes == null) return super.loadClass(name, resolve);
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }

    private static boolean shared(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("micros.magic.");
    }

    private byte[] classFile(String name) throws ClassNotFoundException {
        try (InputStream in = files.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": cannot read class file: " + e.getMessage(), e);
        }
    }
}
