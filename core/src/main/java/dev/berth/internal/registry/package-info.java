/**
 * Internal: ECR's name and tag rules and the lifecycle policy JSON behind {@link dev.berth.registry}. Not an API;
 * may change in any release. Nothing here accepts or returns {@code null}.
 */
package dev.berth.internal.registry;
