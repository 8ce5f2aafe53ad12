package dev.berth.progress;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Renders progress as one updating console line, e.g.
 * {@code web: deployment ecs-svc/2 (web:3) - 3/5 running, 2/5 healthy, 1 pending}. Each report overwrites the
 * line with a carriage return; a finished one (a pull done, a deployment steady) ends it, so the next report
 * starts a new line. A report that reads as the line shown last is skipped. Programs that print lines of their
 * own to the same stream print them through {@link #println(String)}, which clears an open progress line first.
 * Thread-safe.
 */
public final class ProgressLine implements ProgressListener {

    private final PrintStream out;
    private String shown = "";
    private boolean lineOpen;

    private ProgressLine(PrintStream out) {
        this.out = out;
    }

    /**
     * @param out where to print, e.g. {@code System.out}
     * @return a renderer printing to {@code out}
     */
    public static ProgressLine printingTo(PrintStream out) {
        return new ProgressLine(Objects.requireNonNull(out, "out"));
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
