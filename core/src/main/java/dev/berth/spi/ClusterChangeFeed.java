package dev.berth.spi;

import dev.berth.exception.BerthException;
import java.util.Optional;

/**
 * What changed in a cluster's tasks since an earlier moment, told without reading the whole cluster, for a backend
 * that records its changes as they happen (the in-memory backend does). With a feed Berth keeps each cluster's
 * placement index from launch to launch and brings it up to date from the changed tasks alone; without one it reads
 * the whole cluster for every launch.
 *
 * <p>A feed may forget: when it no longer knows every change since a cursor, or when something other than a task
 * changed (an instance joined, left, lost its agent or changed its attributes), {@link #since} answers empty and
 * the caller reads the whole cluster again.
 */
public interface ClusterChangeFeed {

    /**
     * Take it before reading the whole cluster: whatever changes from then on, also during the read, is in the
     * answer of {@link #since} for it.
     *
     * @param cluster a cluster's name
     * @return the cursor of now
     * @throws BerthException if the backend cannot be reached
     */
    long cursor(String cluster);

    /**
     * @param cluster a cluster's name
     * @param cursor a cursor this feed gave for the cluster
     * @return each task that may have changed since {@code cursor}, as it is now, and a cursor to ask from next
     *     time; empty if the feed cannot tell (then read the whole cluster)
     * @throws BerthException if the backend cannot be reached
     */
    Optional<ClusterChanges> since(String cluster, long cursor);
}
