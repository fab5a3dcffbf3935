package micros.docs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The documents' command lines, each run once however often it is shown (as a command and with its output). */
public final class Runs {
    private final Launcher launcher;
    private final Map<List<String>, Launcher.Result> done = new HashMap<>();

    public Runs(Launcher launcher) { this.launcher = launcher; }

    public Launcher.Result of(List<String> args) { return done.computeIfAbsent(List.copyOf(args), launcher::run); }

    public Launcher launcher() { return launcher; }
}
