package dev.berth.scheduler.internal;

import dev.berth.scheduler.PlacementRequest;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The index for one kind of request (same reservation, group, constraints and strategies): exactly the
 * instances that can take such a task now, arranged by the request's rankers. The engine keeps it current by
 * detaching an instance before changing it and attaching it after, so finding the best instance never scans
 * the fleet.
 *
 * <p>Whether an instance is in the index depends only on that instance's state, which changes only between a
 * detach and an attach; so the filters give the same answer at detach time as they gave at attach time, and
 * the view needs no membership set. The filters that read only an instance's facts (status, agent, attributes,
 * most {@code memberOf} constraints) are asked once per instance when the view is built: no placement changes
 * their answer.
 */
public final class PlacementView {

    private final Feasibility feasibility;
    private final List<Ranker> rankers;
    private final IndexNode root;
    /** By {@link Slot#ordinal()}: the instances whose facts admit the request. */
    private final BitSet admittedByFacts = new BitSet();

    private PlacementView(PlacementRequest request) {
        feasibility = Feasibility.of(request);
        rankers = Rankers.of(request.strategies(), request.group());
        root = level(0).get();
    }

    /**
     * @param request the kind of request the view serves (its count is ignored)
     * @param slots every instance of the fleet; the fleet does not change for the life of the view
     * @return a view over {@code slots}
     */
    public static PlacementView build(PlacementRequest request, Collection<Slot> slots) {
        PlacementView view = new PlacementView(request);
        for (Slot slot : slots) {
            if (view.feasibility.acceptsFacts(slot)) {
                view.admittedByFacts.set(slot.ordinal());
            }
            view.attach(slot);
        }
        return view;
    }

    /** @return the filters of the view's request */
    public Feasibility feasibility() {
        return feasibility;
    }

    /**
     * @param start the placement's random draw
     * @return the instance the strategies prefer among those that can take the task, if any
     */
    public Optional<Slot> best(long start) {
        return root.isEmpty() ? Optional.empty() : Optional.of(root.best(start));
    }

    /**
     * Adds an instance, or brings back one whose state changed.
     *
     * @param slot the instance
     */
    public void attach(Slot slot) {
        for (Ranker ranker : rankers) {
            ranker.attach(slot);
        }
        if (accepts(slot)) {
            root.add(slot);
        }
    }

    /**
     * Takes an instance out before its state changes or it leaves the fleet.
     *
     * @param slot the instance
     */
    public void detach(Slot slot) {
        if (accepts(slot)) {
            root.remove(slot);
        }
        for (Ranker ranker : rankers) {
            ranker.detach(slot);
        }
    }

    private boolean accepts(Slot slot) {
        return admittedByFacts.get(slot.ordinal()) && feasibility.acceptsPlacements(slot);
    }

    private Supplier<IndexNode> level(int index) {
        Ranker ranker = rankers.get(index);
        SlotOrder after = new SlotOrder(rankers.subList(index + 1, rankers.size()));
        Supplier<IndexNode> children = index + 1 < rankers.size() ? level(index + 1) : () -> {
            throw new IllegalStateException("the last ranker has no children");
        };
        return () -> ranker.newNode(children, after);
    }
}
