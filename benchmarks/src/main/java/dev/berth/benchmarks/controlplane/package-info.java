/**
 * The control-plane benchmark: many services created at once, deployed and scaled in, on Berth's in-memory
 * backend and on a real Kubernetes control plane with kwok's simulated nodes, so that both sides measure their
 * control plane alone. See BENCHMARKS.md and {@code scripts/bench-control-plane.sh}.
 */
package dev.berth.benchmarks.controlplane;
