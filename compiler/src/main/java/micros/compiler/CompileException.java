package micros.compiler;

/**
 * A method that is not kernel-Java. The message names the class, method, bytecode offset, source line
 * and construct, e.g. {@code micros.x.Foo.bar(J)J @12 (Foo.java:34): object allocation (new java/lang/Object) is not kernel-Java}.
 */
public final class CompileException extends RuntimeException {
    public CompileException(String message) { super(message); }
}
