/**
 * How Berth's model maps to Kubernetes objects, for the Kubernetes backend only: not a public API, and it may change
 * in any release. Nothing here returns or accepts null unless its documentation says so.
 */
package dev.berth.kubernetes.internal;
