/**
 * Kubernetes-managed services (the Kubernetes backend's MANAGED mode): Deployments and DaemonSets, with Berth's
 * deployment circuit breaker and rollback on top. Nothing here returns or accepts null unless its documentation
 * says so.
 */
package dev.berth.kubernetes.managed;
