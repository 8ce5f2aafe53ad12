package dev.berth.kubernetes.managed;

import dev.berth.service.ServiceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The events Berth records for one Kubernetes-managed service, newest first, kept as ECS keeps a service's events:
 * at most 100, and a message identical to the last one of its kind is dropped until another message of that kind
 * appears or 6 hours pass. Kubernetes keeps no such log for a Deployment, so Berth keeps it in memory. Immutable.
 */
final class EventLog {

    static final int CAPACITY = 100;
    static final Duration SUPPRESSION = Duration.ofHours(6);
    static final EventLog EMPTY = new EventLog(List.of(), Map.of());

    private final List<ServiceEvent> newestFirst;
    private final Map<ServiceEvent.Kind, ServiceEvent> lastOfKind;

    private EventLog(List<ServiceEvent> newestFirst, Map<ServiceEvent.Kind, ServiceEvent> lastOfKind) {
        this.newestFirst = newestFirst;
        this.lastOfKind = lastOfKind;
    }

    /** @return this log with {@code event} in front, or this log if {@code event} repeats the last of its kind */
    EventLog record(ServiceEvent event) {
        ServiceEvent last = lastOfKind.get(event.kind());
        if (last != null && last.message().equals(event.message())
                && event.createdAt().isBefore(last.createdAt().plus(SUPPRESSION))) {
            return this;
        }
        List<ServiceEvent> events = new ArrayList<>(Math.min(newestFirst.size() + 1, CAPACITY));
        events.add(event);
        events.addAll(newestFirst.subList(0, Math.min(newestFirst.size(), CAPACITY - 1)));
        Map<ServiceEvent.Kind, ServiceEvent> kinds = new EnumMap<>(ServiceEvent.Kind.class);
        kinds.putAll(lastOfKind);
        kinds.put(event.kind(), event);
        return new EventLog(List.copyOf(events), Map.copyOf(kinds));
    }

    /** @return the events, newest first, at most {@link #CAPACITY} */
    List<ServiceEvent> events() {
        return newestFirst;
    }
}
