package micros.bench.natives;

import java.nio.file.Path;

/** The Debian packages whose shared libraries the bench loads from the project's cache, not from the host. */
public enum NativePackage {
    UNICORN("libunicorn2t64", "usr/lib/x86_64-linux-gnu/libunicorn.so.2"),
    /** The Java binding (JNA) asks for the unversioned name, so the cache gets a libcapstone.so link too. */
    CAPSTONE("libcapstone4", "usr/lib/x86_64-linux-gnu/libcapstone.so.4");

    private final String debian;
    private final String library;

    NativePackage(String debian, String library) {
        this.debian = debian;
        this.library = library;
    }

    public String debianName() { return debian; }

    /** The library inside the unpacked package. */
    public Path library(Path unpacked) { return unpacked.resolve(library); }

    public static NativePackage named(String debianName) {
        for (NativePackage p : values()) if (p.debian.equals(debianName)) return p;
        throw new IllegalArgumentException("package '" + debianName + "' is not one the bench loads (known: libunicorn2t64, libcapstone4)");
    }
}
