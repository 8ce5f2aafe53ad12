package dev.berth.inmemory;

import dev.berth.spi.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What one simulated container wrote, and who follows it. Guarded by the backend's lock, except the followers,
 * which a closing {@link Subscription} removes from any thread.
 */
final class SimulatedOutput {

    private final List<String> lines = new ArrayList<>();
    private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();
    private boolean ended;

    /**
     * @param line what the container wrote, one line
     * @return who must receive it, in registration order
     */
    List<Consumer<String>> append(String line) {
        lines.add(line);
        return List.copyOf(followers);
    }

    /** @return at most the last {@code tailLines} lines, oldest first */
    List<String> tail(int tailLines) {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - tailLines), lines.size()));
    }

    /** @return a follow of the lines appended from now on; one that ends at once if the container has stopped */
    Subscription follow(Consumer<String> listener) {
        if (ended) {
            return () -> { };
        }
        followers.add(listener);
        return () -> followers.remove(listener);
    }

    /** The container stopped: following ends. */
    void end() {
        ended = true;
        followers.clear();
    }
}
