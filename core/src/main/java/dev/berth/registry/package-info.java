/**
 * Registries with ECR's semantics: {@link dev.berth.api.Registry} → {@link dev.berth.api.Repositories}
 * → {@link dev.berth.api.Repository} → {@link dev.berth.registry.Image}s, tags, tag immutability, push and
 * pull through a backend's engine, lifecycle policies ({@link dev.berth.registry.lifecycle}), and registry
 * credentials by host for compute backends ({@link dev.berth.registry.RegistryCredentialsLookup}).
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.registry;
