package dev.berth.scheduler.internal;

/**
 * One level of a placement index: it orders the feasible instances by one ranker and delegates ties to the
 * levels below. Every instance in a node is feasible for the view's request.
 */
interface IndexNode {

    void add(Slot slot);

    /** Removes a slot whose ranking values are still those it was added with. */
    void remove(Slot slot);

    boolean isEmpty();

    /**
     * @param start the placement's random draw, which breaks the ties no ranker breaks
     * @return the best instance under this node; the node must not be empty
     */
    Slot best(long start);
}
