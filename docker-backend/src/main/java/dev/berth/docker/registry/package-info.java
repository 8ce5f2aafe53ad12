/**
 * The registry backend for OCI distribution registries ({@link dev.berth.docker.registry.OciRegistryBackend}):
 * the Distribution HTTP API v2 over {@code java.net.http}, basic and bearer-token authentication, pushes and pulls
 * through a Docker engine. Uses only the JDK's and Berth's types. Nothing here accepts or returns {@code null}.
 */
package dev.berth.docker.registry;
