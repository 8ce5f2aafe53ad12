/**
 * How the AWS backend talks to ECS: model mapping (task definitions, tasks, container instances), ECS's per-call
 * limits, error translation, launch settings and the cache of registered revisions. Not part of Berth's public API.
 * Nothing here is null unless documented; absent values are {@code Optional} or empty collections.
 */
package dev.berth.aws.internal;
