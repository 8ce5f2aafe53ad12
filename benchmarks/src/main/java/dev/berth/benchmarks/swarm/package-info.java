/**
 * The convergence harness: the same service and rolling deployments run by Berth, by Docker Swarm and by plain
 * {@code docker run} on one engine, with a client that calls every serving task during the roll. Not published;
 * run by hand as BENCHMARKS.md describes.
 *
 * <p>Nullness: nothing here accepts or returns {@code null}.
 */
package dev.berth.benchmarks.swarm;
