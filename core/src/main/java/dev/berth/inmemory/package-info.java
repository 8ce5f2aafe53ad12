/**
 * A compute backend that simulates container instances and tasks in memory, driven by an injected
 * {@link java.time.Clock}: what tests, property tests and Berth's dry runs use instead of Docker or AWS. Its
 * knobs make tasks fail to start, exit, turn unhealthy and instances disconnect.
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.inmemory;
