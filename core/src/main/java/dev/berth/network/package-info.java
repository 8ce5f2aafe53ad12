/**
 * Service networking on the local backends, with Elastic Load Balancing's and Service Connect's semantics: target
 * groups (a listener, health checks of the registered targets, draining on deregistration), their targets' health,
 * and the endpoints where a test reaches a service or a task. Components are never null; absent values are empty
 * {@link java.util.Optional}s or lists.
 */
package dev.berth.network;
