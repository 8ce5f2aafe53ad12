/**
 * Internal: ECR's repository name, tag and digest rules behind {@link dev.berth.api.Registry}. Not an API;
 * may change in any release. Nothing here accepts or returns {@code null}.
 */
package dev.berth.internal.registry;
