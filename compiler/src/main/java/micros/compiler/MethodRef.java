package micros.compiler;

import java.lang.constant.MethodTypeDesc;

/** A static method: owner (internal name), name and descriptor. */
public record MethodRef(String owner, String name, String descriptor) {
    static MethodRef of(java.lang.classfile.instruction.InvokeInstruction i) {
        return new MethodRef(i.owner().asInternalName(), i.name().stringValue(), i.type().stringValue());
    }

    public MethodTypeDesc type() { return MethodTypeDesc.ofDescriptor(descriptor); }

    /** {@code micros.frames.FrameAllocator.allocate4k(J)J}: how errors name it. */
    public String display() { return owner.replace('/', '.') + "." + name + descriptor; }

    @Override public String toString() { return display(); }
}
