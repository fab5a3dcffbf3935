package micros.cli;

import micros.bench.machine.CpuModel;
import micros.bench.machine.CpuModelTable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;

/** {@code --cpu MODEL}: one of the bench's {@link CpuModel}s, or {@code help} (model null) to list them instead of running. */
record CpuChoice(CpuModel model) {
    static final CpuChoice DEFAULT = new CpuChoice(CpuModel.DEFAULT);

    boolean listing() { return model == null; }

    /** For {@code --cpu help}: prints the table and says the command is done. */
    boolean listed(PrintStream out) {
        if (!listing()) return false;
        out.print(CpuModelTable.text());
        return true;
    }

    static final class Converter implements ITypeConverter<CpuChoice> {
        @Override public CpuChoice convert(String s) {
            if (s.equals("help")) return new CpuChoice(null);
            try {
                return new CpuChoice(CpuModel.named(s));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("no such CPU model (--cpu help lists them)");
            }
        }
    }

    /** The names for completion. */
    static final class Names implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (CpuModel m : CpuModel.values()) names.add(m.cliName());
            names.add("help");
            return names.iterator();
        }
    }
}
