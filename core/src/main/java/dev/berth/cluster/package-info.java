/** Clusters and the registrations of their container instances. Nothing here accepts or returns {@code null}. */
package dev.berth.cluster;
