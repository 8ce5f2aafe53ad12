package dev.berth.scheduler.internal;

import dev.berth.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.List;

/** Turns a request's strategies into rankers. */
final class Rankers {

    private Rankers() {
    }

    /**
     * @param strategies in evaluation order
     * @param group the task group spread counts
     * @return one ranker per strategy up to the first {@code random}, which ends the list, else the group's
     *     fixed tie-break
     */
    static List<Ranker> of(List<PlacementStrategy> strategies, String group) {
        long salt = TieOrder.saltOf(group);
        List<Ranker> rankers = new ArrayList<>();
        for (PlacementStrategy strategy : strategies) {
            if (strategy.type() == PlacementStrategy.Type.RANDOM) {
                rankers.add(new RandomRanker(salt));
                return rankers;
            }
            rankers.add(of(strategy, group));
        }
        rankers.add(new TieBreakRanker(salt));
        return rankers;
    }

    private static Ranker of(PlacementStrategy strategy, String group) {
        if (strategy.type() == PlacementStrategy.Type.BINPACK) {
            return new BinpackRanker(strategy.binpackResource().orElseThrow());
        }
        return strategy.spreadAttribute()
                .<Ranker>map(attribute -> new SpreadAttributeRanker(attribute, group))
                .orElseGet(() -> new SpreadInstanceRanker(group));
    }
}
