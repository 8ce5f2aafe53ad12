package dev.berth.spi;

/**
 * A registration with a backend that delivers something over time (log lines, change signals) until it is
 * closed. Closing is idempotent and never throws; nothing is delivered once {@link #close()} has returned.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Stops the delivery; a second call does nothing. */
    @Override
    void close();
}
