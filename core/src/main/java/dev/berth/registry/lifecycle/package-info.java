/**
 * ECR lifecycle policies: {@link dev.berth.registry.lifecycle.LifecyclePolicy} (ECR's JSON, validated with ECR's
 * rules) and {@link dev.berth.registry.lifecycle.LifecycleEvaluator}, a pure function from a policy, images and a
 * time to the images to expire. Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.registry.lifecycle;
