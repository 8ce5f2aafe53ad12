/**
 * Internal: the placement pipeline behind {@link dev.berth.scheduler.PlacementEngine}. Not part of Berth's API;
 * may change in any release.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li>{@link dev.berth.scheduler.internal.Slot}: the live state of one instance (resources, ports, task counts
 *       change as tasks are placed).</li>
 *   <li>{@link dev.berth.scheduler.internal.FeasibilityFilter}: one requirement (status, agent, cpu, memory,
 *       ports, a {@code memberOf}, {@code distinctInstance}); {@link dev.berth.scheduler.internal.Feasibility}
 *       holds a request's filters in ECS's pipeline order and explains rejections.</li>
 *   <li>{@link dev.berth.scheduler.internal.Ranker}: one strategy as an order of instances, plus the index level
 *       that finds its best instance.</li>
 *   <li>{@link dev.berth.scheduler.internal.PlacementView}: for one kind of request, exactly the instances that
 *       can take it, arranged by its rankers.</li>
 * </ul>
 *
 * <h2>Flow</h2>
 * <pre>
 *   place(request, seed)
 *     view = views[ViewKey(request)]        built on first use in O(n log n), then kept current
 *     repeat count times:
 *       best = view.best(draw)               O(log n): e.g. spread(zone) + binpack(memory) is
 *                                              ValueNode (zones by task count)
 *                                                -&gt; KeyNode (remaining memory)
 *                                                  -&gt; LeafNode (the group's tie order)
 *       none? explain every instance with the view's filters, stop
 *       for every view: detach(best); best.reserve(...); for every view: attach(best)
 * </pre>
 * An instance is in a view exactly when the view's filters accept it, so finding the best never skips
 * infeasible instances, and the result equals a full scan of the fleet (a property test checks this against a
 * brute-force oracle).
 *
 * <p>Nullness: nothing here accepts or returns {@code null}. These classes are not thread-safe; the engine that
 * owns them is confined to one thread at a time.
 */
package dev.berth.scheduler.internal;
