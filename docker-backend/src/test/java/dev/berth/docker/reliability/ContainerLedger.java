package dev.berth.docker.reliability;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one session's containers through the engine's event stream, independent of any Berth. It records each
 * container created per task and container name (a task started twice shows as two containers for one name), and
 * the tasks live at each moment: from a container's {@code start} until Berth records the task's stop on the engine
 * (the creation of its stop record, the volume {@code berth-stop-<task>}: the task is then STOPPING, desired
 * STOPPED), signals it to stop ({@code kill}) or it dies. A task being stopped no longer counts against
 * maximumPercent, as in ECS. Container and volume events come on two streams; the moments are replayed in the
 * engine's order of its events' timestamps, not in the order they arrived.
 */
final class ContainerLedger implements AutoCloseable {

    private static final String STOP_RECORD_PREFIX = "berth-stop-";

    /** One event that changes liveness: a container started, or its task or container stopped being live. */
    private record Moment(long timeNano, String task, String container, boolean start) {
    }

    private final int maxLiveTasks;
    private final Map<String, Set<String>> containersByTaskAndName = new HashMap<>();
    private final List<Moment> moments = new ArrayList<>();
    private final Set<String> sessionTasks = new HashSet<>();
    private final ResultCallback.Adapter<Event> containerStream;
    private final ResultCallback.Adapter<Event> volumeStream;
    private int events;

    /**
     * Starts watching.
     *
     * @param maxLiveTasks most tasks allowed live (started, not yet recorded or signalled to stop) at any moment
     */
    ContainerLedger(DockerClients clients, String session, int maxLiveTasks) {
        this.maxLiveTasks = maxLiveTasks;
        this.containerStream = clients.streams().eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("create", "start", "kill", "die")
                .withLabelFilter(EngineTestBase.SESSION_LABEL + "=" + session)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        recordContainer(event);
                    }
                });
        // Volume events carry no labels to filter on: the stop record's name tells its task.
        this.volumeStream = clients.streams().eventsCmd().withEventTypeFilter(EventType.VOLUME)
                .withEventFilter("create")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        recordVolume(event);
                    }
                });
    }

    private synchronized void recordContainer(Event event) {
        events++;
        Map<String, String> labels = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
        String task = labels.get(Labels.TASK);
        if (task == null) {
            return;
        }
        String container = event.getId();
        sessionTasks.add(task);
        switch (String.valueOf(event.getAction())) {
            case "create" -> containersByTaskAndName.computeIfAbsent(task + "/" + labels.get(Labels.CONTAINER),
                    k -> new HashSet<>()).add(container);
            case "start" -> moments.add(new Moment(timeNano(event), task, container, true));
            default -> moments.add(new Moment(timeNano(event), task, container, false));
        }
    }

    private synchronized void recordVolume(Event event) {
        String name = event.getActor() == null ? event.getId() : event.getActor().getId();
        String task = name != null && name.startsWith(STOP_RECORD_PREFIX)
                ? name.substring(STOP_RECORD_PREFIX.length()) : null;
        // other sessions' stop records come on this stream too; a session's task was created long before its record
        if (task != null && sessionTasks.contains(task)) {
            events++;
            moments.add(new Moment(timeNano(event), task, null, false));
        }
    }

    private static long timeNano(Event event) {
        return event.getTimeNano() != null ? event.getTimeNano() : event.getTime() * 1_000_000_000L;
    }

    /** Replays the moments in the engine's order: the tasks live after each, and the moments over the limit. */
    private List<String> replay(int[] most) {
        List<Moment> ordered = new ArrayList<>(moments);
        ordered.sort(Comparator.comparingLong(Moment::timeNano));
        Map<String, String> liveContainers = new HashMap<>();
        Set<String> stopRecorded = new HashSet<>();
        List<String> over = new ArrayList<>();
        for (Moment m : ordered) {
            if (m.start() && !stopRecorded.contains(m.task())) {
                liveContainers.put(m.container(), m.task());
            } else if (m.container() == null) {
                stopRecorded.add(m.task());
                liveContainers.values().removeIf(m.task()::equals);
            } else {
                liveContainers.remove(m.container());
            }
            Set<String> liveTasks = new HashSet<>(liveContainers.values());
            most[0] = Math.max(most[0], liveTasks.size());
            if (liveTasks.size() > maxLiveTasks) {
                over.add(m.timeNano() + ": " + liveTasks.size() + " tasks live " + liveTasks);
            }
        }
        return over;
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
        return replay(new int[1]);
    }

    /** @return how many task containers were created */
    synchronized int containersSeen() {
        return containersByTaskAndName.values().stream().mapToInt(Set::size).sum();
    }

    synchronized int mostLive() {
        int[] most = new int[1];
        replay(most);
        return most[0];
    }

    synchronized int events() {
        return events;
    }

    /** Stops watching; the figures stay readable. */
    void stop() {
        try {
            containerStream.close();
            volumeStream.close();
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
