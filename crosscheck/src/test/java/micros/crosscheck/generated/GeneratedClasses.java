package micros.crosscheck.generated;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/** Serves generated class files: as classes, and as the {@code .class} resources the compiler reads. */
public final class GeneratedClasses extends ClassLoader {
    private final Map<String, byte[]> classes;

    /** {@code classes}: class files by binary name. */
    public GeneratedClasses(ClassLoader parent, Map<String, byte[]> classes) {
        super(parent);
        this.classes = Map.copyOf(classes);
    }

    @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) throw new ClassNotFoundException(name);
        return defineClass(name, b, 0, b.length);
    }

    @Override public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] b = classes.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (b != null) return new ByteArrayInputStream(b);
        }
        return super.getResourceAsStream(name);
    }
}
