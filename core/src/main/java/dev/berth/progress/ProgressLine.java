package dev.berth.progress;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Renders progress on a console, e.g. {@code web: deployment ecs-svc/2 (web:3) - 3/5 running, 2/5 healthy, 1 pending}.
 * On a terminal ({@link #updating}) each report overwrites one line with a carriage return, and a finished one (a
 * pull done, a deployment steady) ends it, so the next report starts a new line. Elsewhere ({@link #lineByLine}: a
 * build log, CI, a file) each report is a line of its own, since a carriage return there runs the reports together
 * on one line. A report that reads as the one shown last is skipped. Programs that print lines of their own to the
 * same stream print them through {@link #println(String)}, which clears an open progress line first. Thread-safe.
 */
public final class ProgressLine implements ProgressListener {

    private final PrintStream out;
    private final boolean updating;
    private String shown = "";
    private boolean lineOpen;

    private ProgressLine(PrintStream out, boolean updating) {
        this.out = Objects.requireNonNull(out, "out");
        this.updating = updating;
    }

    /**
     * @param out where to print, e.g. {@code System.out}
     * @return {@link #updating} when {@code out} is this JVM's standard output or error and that is a terminal,
     *     else {@link #lineByLine}
     */
    public static ProgressLine printingTo(PrintStream out) {
        boolean standard = out == System.out || out == System.err;
        return new ProgressLine(out, standard && isTerminal(System.console()));
    }

    /**
     * @param out where to print: a terminal
     * @return a renderer that updates one line in place
     */
    public static ProgressLine updating(PrintStream out) {
        return new ProgressLine(out, true);
    }

    /**
     * @param out where to print: a log, a file, a pipe
     * @return a renderer that prints each report on a line of its own
     */
    public static ProgressLine lineByLine(PrintStream out) {
        return new ProgressLine(out, false);
    }

    /** @return whether this JVM's console is an interactive terminal */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false; // up to Java 21: no console unless standard input and output are a terminal
        }
        try {
            // Java 22 and later return a console even when redirected, and tell with isTerminal().
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Shows the event's {@link ProgressEvent#summary() summary} on the progress line.
     *
     * @param event what progressed
     */
    @Override
    public synchronized void onProgress(ProgressEvent event) {
        String line = event.summary();
        if (line.equals(shown)) {
            return;
        }
        if (!updating) {
            out.println(line);
            out.flush();
            shown = line;
            return;
        }
        StringBuilder text = new StringBuilder();
        if (lineOpen) {
            // Blanks wipe what a longer previous line would leave behind the new one.
            text.append('\r').append(line).append(" ".repeat(Math.max(0, shown.length() - line.length())));
        } else {
            text.append(line);
        }
        if (event.finished()) {
            text.append(System.lineSeparator());
        }
        out.print(text);
        out.flush();
        shown = line;
        lineOpen = !event.finished();
    }

    /**
     * Prints a line of the program's own: an open progress line is cleared first, and the next report starts a
     * fresh one below.
     *
     * @param text the line, without its terminator
     */
    public synchronized void println(String text) {
        if (lineOpen) {
            out.print("\r" + " ".repeat(shown.length()) + "\r");
            lineOpen = false;
            shown = "";
        }
        out.println(text);
        out.flush();
    }
}
