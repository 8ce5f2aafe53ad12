package dev.berth.docker.internal;

import dev.berth.exception.BerthException;
import java.time.Duration;

/** The one place the backend sleeps between two polls; an interrupt is kept and surfaces as an exception. */
public final class Pause {

    private Pause() {
    }

    /**
     * @param duration how long to wait
     * @param what what is waited for, for the message on interrupt
     * @throws BerthException if the thread is interrupted; the interrupt flag stays set
     */
    public static void sleep(Duration duration, String what) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for " + what, e);
        }
    }

    /**
     * @param e the interrupt
     * @param what what was waited for
     * @return the exception to throw; the interrupt flag is set again
     */
    public static BerthException interrupted(InterruptedException e, String what) {
        Thread.currentThread().interrupt();
        return new BerthException("Interrupted while waiting for " + what, e);
    }
}
