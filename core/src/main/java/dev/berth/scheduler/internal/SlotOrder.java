package dev.berth.scheduler.internal;

import java.util.List;

/** Lexicographic order of instances by a list of rankers; the last always breaks every tie. */
final class SlotOrder {

    private final List<Ranker> rankers;

    SlotOrder(List<Ranker> rankers) {
        this.rankers = List.copyOf(rankers);
    }

    /** @return negative if {@code a} comes first for the placement drawn with {@code start} */
    int compare(Slot a, Slot b, long start) {
        for (Ranker ranker : rankers) {
            int c = Long.compare(ranker.key(a, start), ranker.key(b, start));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
