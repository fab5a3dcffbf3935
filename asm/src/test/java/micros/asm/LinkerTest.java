package micros.asm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;
import static org.junit.jupiter.api.Assertions.*;

class LinkerTest {
    static ElfImage sample() {
        Assembler a = new Assembler();
        a.global("start").label("start").lea(RSI, rip("message")).mov(RAX, qword("counter")).call("helper").jmp("start");
        a.label("helper").inc(RAX).ret();
        a.section(Section.RODATA).label("message").asciz("hi").align(8).label("table").dqSymbol("helper", 0).ddSymbol("message", 1);
        a.section(Section.DATA).global("counter").label("counter").dq(7);
        a.section(Section.BSS).align(4096).label("buffer").space(8192);
        return new Linker().add(a.finish()).segment(".text", 0x200000).entry("start").link();
    }

    @Test
    void segmentsGetAddressesFlagsAndBss() {
        ElfImage img = sample();
        List<ElfSegment> s = img.segments();
        assertEquals(List.of(".text", ".rodata", ".data", ".bss"), s.stream().map(ElfSegment::name).toList());
        assertEquals(0x200000, s.get(0).vaddr());
        assertEquals(ElfSegment.R | ElfSegment.X, s.get(0).flags());
        assertEquals(ElfSegment.R, s.get(1).flags());
        assertEquals(ElfSegment.R | ElfSegment.W, s.get(3).flags());
        assertEquals(0, s.get(3).bytes().length);
        assertEquals(8192, s.get(3).memSize());
        for (ElfSegment x : s) assertEquals(0, x.vaddr() % 4096, "each section on its own page");
        assertEquals(img.symbol("start"), img.entry());
    }

    @Test
    void relocationsHoldTheRightAddresses() {
        ElfImage img = sample();
        ElfSegment text = img.segments().get(0), rodata = img.segments().get(1);
        java.nio.ByteBuffer t = java.nio.ByteBuffer.wrap(text.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        // lea rsi, [rip + message]: 48 8d 35 rel32, the field ends the instruction.
        assertEquals(img.symbol("message"), text.vaddr() + 7 + t.getInt(3));
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(rodata.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long tableOffset = img.symbol("table") - rodata.vaddr();
        assertEquals(img.symbol("helper"), r.getLong((int) tableOffset));
        assertEquals(img.symbol("message") + 1, r.getInt((int) tableOffset + 8));
    }

    @Test
    void readelfReadsItWithoutWarningsAndOurReaderAgrees() throws Exception {
        ElfImage img = sample();
        Path f = img.write(Files.createTempDirectory("elf").resolve("sample.elf"));
        Process p = new ProcessBuilder("readelf", "-a", "-W", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertFalse(out.toLowerCase().contains("warning"), out);
        assertTrue(out.contains("FUNC    GLOBAL DEFAULT    1 start"), out);
        assertTrue(out.contains("OBJECT  GLOBAL DEFAULT    3 counter"), out);
        ElfFile back = ElfFile.read("sample.elf", Files.readAllBytes(f));
        assertEquals(img.entry(), back.entry());
        assertEquals(4, back.programHeaders().size());
        assertTrue(back.symbols().stream().anyMatch(s -> s.name().equals("helper") && s.code() && !s.global()));
    }

    /** The same image as ELF32 (i386): readelf reads it cleanly and our reader gets the same segments, entry and symbols back. */
    @Test
    void anElf32FileCarriesTheSameImage() throws Exception {
        ElfImage img = sample();
        Path f = img.write(Files.createTempDirectory("elf").resolve("sample32.elf"), ElfClass.ELF32);
        Process p = new ProcessBuilder("readelf", "-a", "-W", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertFalse(out.toLowerCase().contains("warning"), out);
        assertTrue(out.contains("ELF32") && out.contains("Intel 80386"), out);
        assertTrue(out.contains("FUNC    GLOBAL DEFAULT    1 start"), out);
        ElfFile back32 = ElfFile.read("sample32.elf", Files.readAllBytes(f)), back64 = ElfFile.read("sample.elf", img.bytes());
        assertEquals(ElfClass.ELF32, back32.elfClass());
        assertEquals(ElfClass.ELF64, back64.elfClass());
        assertEquals(back64.entry(), back32.entry());
        assertEquals(back64.symbols(), back32.symbols());
        assertEquals(back64.programHeaders().size(), back32.programHeaders().size());
        for (int i = 0; i < back64.programHeaders().size(); i++) {
            ElfFile.ProgramHeader a = back64.programHeaders().get(i), b = back32.programHeaders().get(i);
            assertEquals(List.of(a.type(), a.flags(), a.vaddr(), a.paddr(), a.fileSize(), a.memSize()), List.of(b.type(), b.flags(), b.vaddr(), b.paddr(), b.fileSize(), b.memSize()));
            assertArrayEquals(back64.contents(a), back32.contents(b));
        }
        Assembler high = new Assembler();
        high.section(Section.DATA).label("x").dq(0);
        ElfImage above4g = new Linker().add(high.finish()).segment(".data", 0x1_0000_0000L).link();
        assertEquals("segment .data at 0x100000000 does not fit in an ELF32 file (addresses above 4 GiB)",
                assertThrows(AsmException.class, () -> above4g.bytes(ElfClass.ELF32)).getMessage());
    }

    @Test
    void addressesThatDoNotFitTheirFieldAreRefused() {
        Assembler a = new Assembler().bits(32);
        a.mov(EAX, addr("far_away"));
        Assembler b = new Assembler();
        b.section(Section.DATA).global("far_away").label("far_away").dq(0);
        AsmException e = assertThrows(AsmException.class, () -> new Linker().add(a.finish()).add(b.finish())
                .segment(".data", 0x1_0000_0000L).link());
        assertEquals("address of far_away in .text+0x1 (0x100000000) does not fit in 32 bits", e.getMessage());
    }

    @Test
    void duplicateGlobalsAcrossModulesAreRefused() {
        Assembler a = new Assembler().global("f").label("f").ret();
        Assembler b = new Assembler().global("f").label("f").ret();
        assertEquals("symbol f is defined in two modules", assertThrows(AsmException.class, () -> new Linker().add(a.finish()).add(b.finish()).link()).getMessage());
    }

    @Test
    void malformedElfIsRejectedNamingTheFile() {
        assertEquals("x.elf: not an ELF file (bad magic)", assertThrows(ElfFormatException.class, () -> ElfFile.read("x.elf", new byte[64])).getMessage());
        byte[] elf = sample().bytes();
        elf[4] = 1;
        assertEquals("y.elf: not an i386 ELF file (machine 62 in an ELF32 file)", assertThrows(ElfFormatException.class, () -> ElfFile.read("y.elf", elf)).getMessage());
        elf[4] = 3;
        assertEquals("y.elf: not a 32- or 64-bit ELF file (class 3)", assertThrows(ElfFormatException.class, () -> ElfFile.read("y.elf", elf)).getMessage());
    }

    /** Relaxation: a jump over n bytes is short exactly when its displacement fits in a signed byte. */
    @Property(tries = 200)
    void branchesAreShortExactlyWhenTheyFit(@ForAll @IntRange(min = 0, max = 300) int gap, @ForAll boolean backwards) {
        Assembler a = new Assembler();
        if (backwards) { a.label("t"); for (int i = 0; i < gap; i++) a.nop(); a.jmp("t"); }
        else { a.jmp("t"); for (int i = 0; i < gap; i++) a.nop(); a.label("t"); }
        AssembledSection s = a.finish().section(".text");
        long rel = backwards ? -(gap + 2) : gap;
        boolean isShort = rel >= -128 && rel <= 127;
        assertEquals(gap + (isShort ? 2 : 5), s.size());
        byte[] b = s.bytes();
        int at = backwards ? gap : 0;
        if (isShort) { assertEquals((byte) 0xEB, b[at]); assertEquals(rel, b[at + 1]); }
        else {
            assertEquals((byte) 0xE9, b[at]);
            long rel32 = backwards ? -(gap + 5) : gap;
            assertEquals(rel32, java.nio.ByteBuffer.wrap(b, at + 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }
}
