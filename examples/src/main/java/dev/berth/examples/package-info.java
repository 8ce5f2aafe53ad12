/**
 * Runnable programs of the README. {@link dev.berth.examples.DockerQuickstart} deploys, scales, rolls and deletes a
 * busybox web service on the local Docker engine ({@code bash scripts/example.sh}).
 */
package dev.berth.examples;
