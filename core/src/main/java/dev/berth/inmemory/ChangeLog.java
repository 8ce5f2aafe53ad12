package dev.berth.inmemory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory backend's record of which tasks changed when, per cluster, behind its {@link
 * dev.berth.spi.ClusterChangeFeed}. Bounded: the oldest entries go first, and a cursor older than what is kept gets
 * no answer. Not thread-safe: the backend calls it under its own lock.
 */
final class ChangeLog {

    /** Changes kept per cluster; a reader that falls further behind reads the whole cluster. */
    static final int CAPACITY = 100_000;

    private final int capacity;
    private long sequence;
    private final Map<String, ClusterLog> clusters = new HashMap<>();

    ChangeLog(int capacity) {
        this.capacity = capacity;
    }

    /** @return the cursor of now: later changes have higher numbers */
    long cursor() {
        return sequence;
    }

    /** Records that a task of the cluster may have changed. */
    void taskChanged(String cluster, String taskId) {
        ClusterLog log = clusters.computeIfAbsent(cluster, c -> new ClusterLog());
        log.entries.addLast(new Entry(++sequence, taskId));
        if (log.entries.size() > capacity) {
            log.forgottenUpTo = log.entries.removeFirst().sequence;
        }
    }

    /** Records a change a task list cannot describe (instances, a restart): readers read the whole cluster. */
    void everythingChanged(String cluster) {
        ClusterLog log = clusters.computeIfAbsent(cluster, c -> new ClusterLog());
        log.entries.clear();
        log.forgottenUpTo = ++sequence;
    }

    /**
     * @param cluster the cluster's name
     * @param cursor a cursor given earlier
     * @return the ids of the tasks that changed after {@code cursor}, or empty if the log no longer knows
     */
    Optional<Set<String>> changedSince(String cluster, long cursor) {
        ClusterLog log = clusters.get(cluster);
        if (log == null) {
            return Optional.of(Set.of());
        }
        if (cursor < log.forgottenUpTo) {
            return Optional.empty();
        }
        Set<String> changed = new LinkedHashSet<>();
        for (Iterator<Entry> newestFirst = log.entries.descendingIterator(); newestFirst.hasNext(); ) {
            Entry entry = newestFirst.next();
            if (entry.sequence <= cursor) {
                break;
            }
            changed.add(entry.taskId);
        }
        return Optional.of(changed);
    }

    private static final class ClusterLog {
        private final Deque<Entry> entries = new ArrayDeque<>();
        /** Changes up to this number are no longer known. */
        private long forgottenUpTo;
    }

    private record Entry(long sequence, String taskId) {
    }
}
