/**
 * JMH benchmarks of the placement engine. Not published; run by hand as BENCHMARKS.md describes.
 *
 * <p>Nullness: nothing here accepts or returns {@code null}.
 */
package dev.berth.benchmarks;
