package micros.compiler;

import java.lang.constant.ClassDesc;

/**
 * A static field the compiled code uses, emitted as data at {@link #symbol()} with its build-time value: a
 * scalar of its type's size, or for an array a pointer to {@link #elementsSymbol()}, the elements, with
 * their count in the 8 bytes before them.
 */
public record StaticField(String owner, String name, ClassDesc type) {
    /** {@code package.Class.field}. */
    public String symbol() { return owner.replace('/', '.') + "." + name; }

    public String elementsSymbol() { return symbol() + ".elements"; }

    /** {@code Class.field}, as a person reads it in a report. */
    public String display() { return owner.substring(owner.lastIndexOf('/') + 1) + "." + name; }

    /** The scalar's type, or the array's element type. */
    public ClassDesc valueType() { return type.isArray() ? type.componentType() : type; }
}
