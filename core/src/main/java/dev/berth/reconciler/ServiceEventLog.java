package dev.berth.reconciler;

import dev.berth.service.ServiceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest events of a service, newest first, as ECS keeps them: at most 100, and a message identical to the
 * last one of its kind is suppressed until another message of that kind appears or 6 hours pass. Immutable.
 */
public final class ServiceEventLog {

    /** How many events a service keeps, as the ECS console shows. */
    public static final int CAPACITY = 100;
    /** How long an identical message stays suppressed. */
    public static final Duration SUPPRESSION = Duration.ofHours(6);

    private static final ServiceEventLog EMPTY = new ServiceEventLog(List.of(), Map.of());

    private final List<ServiceEvent> newestFirst;
    private final Map<ServiceEvent.Kind, ServiceEvent> lastOfKind;

    private ServiceEventLog(List<ServiceEvent> newestFirst, Map<ServiceEvent.Kind, ServiceEvent> lastOfKind) {
        this.newestFirst = newestFirst;
        this.lastOfKind = lastOfKind;
    }

    /** @return a log without events */
    public static ServiceEventLog empty() {
        return EMPTY;
    }

    /**
     * Rebuilds a log from what {@link #events()} and {@link #lastOfKind()} returned, e.g. when reading it back
     * from storage; suppression continues as it was.
     *
     * @param newestFirst the events, newest first
     * @param lastOfKind the last recorded event of each kind, including kinds whose events left the log
     * @return the log
     * @throws IllegalArgumentException if there are more than {@link #CAPACITY} events, or an event is filed under
     *     another kind than its own
     */
    public static ServiceEventLog of(List<ServiceEvent> newestFirst, Map<ServiceEvent.Kind, ServiceEvent> lastOfKind) {
        if (newestFirst.size() > CAPACITY) {
            throw new IllegalArgumentException("a service keeps at most " + CAPACITY + " events, got "
                    + newestFirst.size());
        }
        Map<ServiceEvent.Kind, ServiceEvent> last = new EnumMap<>(ServiceEvent.Kind.class);
        lastOfKind.forEach((kind, event) -> {
            if (event.kind() != kind) {
                throw new IllegalArgumentException("the last " + kind + " event cannot be a " + event.kind() + " one");
            }
            last.put(kind, event);
        });
        return new ServiceEventLog(List.copyOf(newestFirst), Collections.unmodifiableMap(last));
    }

    /**
     * @param event the event to record
     * @return the log with {@code event} in front, or this log if {@code event} is a suppressed duplicate
     */
    public ServiceEventLog record(ServiceEvent event) {
        if (isSuppressed(event)) {
            return this;
        }
        List<ServiceEvent> events = new ArrayList<>(newestFirst.size() + 1);
        events.add(event);
        events.addAll(newestFirst.subList(0, Math.min(newestFirst.size(), CAPACITY - 1)));
        Map<ServiceEvent.Kind, ServiceEvent> last = new EnumMap<>(ServiceEvent.Kind.class);
        last.putAll(lastOfKind);
        last.put(event.kind(), event);
        return new ServiceEventLog(Collections.unmodifiableList(events), Collections.unmodifiableMap(last));
    }

    /**
     * @param event the event that may be recorded
     * @return whether recording {@code event} would be suppressed as a duplicate
     */
    public boolean isSuppressed(ServiceEvent event) {
        ServiceEvent last = lastOfKind.get(event.kind());
        return last != null
                && last.message().equals(event.message())
                && event.createdAt().isBefore(last.createdAt().plus(SUPPRESSION));
    }

    /** @return the events, newest first, at most {@link #CAPACITY} */
    public List<ServiceEvent> events() {
        return newestFirst;
    }

    /** @return the newest event, if any */
    public Optional<ServiceEvent> latest() {
        return newestFirst.stream().findFirst();
    }

    /** @return the last recorded event of each kind, which suppresses its duplicates; kept after it leaves the log */
    public Map<ServiceEvent.Kind, ServiceEvent> lastOfKind() {
        return lastOfKind;
    }

    /** @return whether {@code other} holds the same events and suppresses the same duplicates */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceEventLog log && newestFirst.equals(log.newestFirst)
                && lastOfKind.equals(log.lastOfKind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(newestFirst, lastOfKind);
    }

    @Override
    public String toString() {
        return "ServiceEventLog" + newestFirst;
    }
}
