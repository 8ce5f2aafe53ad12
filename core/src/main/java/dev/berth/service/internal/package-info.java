/**
 * ECS's rules for services that need more than a service's own fields (its task definition). Components are never
 * null.
 */
package dev.berth.service.internal;
