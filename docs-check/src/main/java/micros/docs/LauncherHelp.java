package micros.docs;

/** The launcher's help text ({@code ./micros help}): one entry per command, its first line indented by two. */
final class LauncherHelp {
    private LauncherHelp() {}

    /** The lines of {@code command}'s entry (its first line and those indented deeper), or null without one. */
    static String entry(String help, String command) {
        StringBuilder entry = null;
        for (String line : help.split("\n")) {
            boolean first = line.startsWith("  ") && !line.startsWith("   ");
            if (entry != null) {
                if (first || line.isBlank()) break;
                entry.append(line).append('\n');
            } else if (first && (line.strip().equals(command) || line.strip().startsWith(command + " "))) {
                entry = new StringBuilder(line).append('\n');
            }
        }
        return entry == null ? null : entry.toString();
    }
}
