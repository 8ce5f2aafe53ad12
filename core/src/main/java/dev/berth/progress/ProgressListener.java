package dev.berth.progress;

import java.io.PrintStream;

/**
 * Receives progress while something a person may be waiting for happens: an image pull
 * ({@link ImagePullProgress}) or a service deployment ({@link DeploymentProgress}).
 *
 * <p>Events arrive on the reporting side's threads (the controller's, a backend's), several per second at most
 * per subject. A listener must return quickly and must not block: what it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called with each new progress report.
     *
     * @param event what progressed
     */
    void onProgress(ProgressEvent event);

    /**
     * Renders progress on a console: one updating line on a terminal, a line per report elsewhere; see
     * {@link ProgressLine}.
     *
     * @param out where to print, e.g. {@code System.out}
     * @return the renderer, which also prints a program's own lines without garbling the progress line
     */
    static ProgressLine printingTo(PrintStream out) {
        return ProgressLine.printingTo(out);
    }
}
