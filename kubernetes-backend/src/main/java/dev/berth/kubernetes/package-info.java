/**
 * Berth on Kubernetes and EKS ({@link dev.berth.kubernetes.KubernetesBackend}). Nothing here returns or accepts
 * null unless its documentation says so.
 */
package dev.berth.kubernetes;
