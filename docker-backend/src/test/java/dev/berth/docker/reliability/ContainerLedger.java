package dev.berth.docker.reliability;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one session's containers through the engine's event stream, independent of any Berth. It records each
 * container created per task and container name (a task started twice shows as two containers for one name), and
 * the tasks live at each moment: from a container's {@code start} until Berth signals it to stop ({@code kill}) or
 * it dies. A task being stopped no longer counts against maximumPercent, as in ECS.
 */
final class ContainerLedger implements AutoCloseable {

    private final int maxLiveTasks;
    private final Map<String, Set<String>> containersByTaskAndName = new HashMap<>();
    private final Set<String> liveContainers = new HashSet<>();
    private final Map<String, String> taskOfContainer = new HashMap<>();
    private final List<String> overLimit = new ArrayList<>();
    private final ResultCallback.Adapter<Event> stream;
    private int mostLive;
    private int events;

    /**
     * Starts watching.
     *
     * @param maxLiveTasks most tasks allowed live (started, not yet signalled to stop) at any moment
     */
    ContainerLedger(DockerClients clients, String session, int maxLiveTasks) {
        this.maxLiveTasks = maxLiveTasks;
        this.stream = clients.streams().eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("create", "start", "kill", "die")
                .withLabelFilter(EngineTestBase.SESSION_LABEL + "=" + session)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        record(event);
                    }
                });
    }

    private synchronized void record(Event event) {
        events++;
        Map<String, String> labels = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
        String task = labels.get(Labels.TASK);
        if (task == null) {
            return;
        }
        String container = event.getId();
        switch (String.valueOf(event.getAction())) {
            case "create" -> containersByTaskAndName.computeIfAbsent(task + "/" + labels.get(Labels.CONTAINER),
                    k -> new HashSet<>()).add(container);
            case "start" -> {
                liveContainers.add(container);
                taskOfContainer.put(container, task);
            }
            default -> liveContainers.remove(container);
        }
        Set<String> liveTasks = new HashSet<>();
        liveContainers.forEach(c -> liveTasks.add(taskOfContainer.get(c)));
        mostLive = Math.max(mostLive, liveTasks.size());
        if (liveTasks.size() > maxLiveTasks) {
            overLimit.add(event.getTimeNano() + ": " + liveTasks.size() + " tasks live " + liveTasks);
        }
    }

    /** @return every task container that was created more than once, with its container ids */
    synchronized Map<String, Set<String>> duplicates() {
        Map<String, Set<String>> duplicates = new HashMap<>();
        containersByTaskAndName.forEach((key, ids) -> {
            if (ids.size() > 1) {
                duplicates.put(key, Set.copyOf(ids));
            }
        });
        return duplicates;
    }

    /** @return the moments more tasks than allowed were live */
    synchronized List<String> overLimit() {
        return List.copyOf(overLimit);
    }

    /** @return how many task containers were created */
    synchronized int containersSeen() {
        return containersByTaskAndName.values().stream().mapToInt(Set::size).sum();
    }

    synchronized int mostLive() {
        return mostLive;
    }

    synchronized int events() {
        return events;
    }

    /** Stops watching; the figures stay readable. */
    void stop() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new AssertionError("cannot close the event stream", e);
        }
    }

    /** Stops watching, if {@link #stop()} did not already. */
    @Override
    public void close() {
        stop();
    }
}
