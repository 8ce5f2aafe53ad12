/**
 * Internal: where Berth keeps its desired state. Not part of Berth's API; may change in any release. Nothing here
 * is null.
 *
 * <p>{@link dev.berth.internal.state.TaskDefinitionStore} holds task-definition families with ECS's revision rules,
 * {@link dev.berth.internal.state.StateStore} clusters and services. {@link dev.berth.internal.state.InMemoryStateStore}
 * keeps them for one JVM's lifetime. A
 * {@link dev.berth.internal.state.StateDirectory} keeps it on disk, locked by {@code berth.lock} to one store at a
 * time, in this layout:
 * <pre>
 * berth.lock                          holds the owner's pid
 * clusters/&lt;cluster&gt;.json             one {@link dev.berth.cluster.ClusterRecord}
 * services/&lt;cluster&gt;/&lt;service&gt;.json  one {@link dev.berth.reconciler.ServiceState}
 * task-definitions/&lt;family&gt;.json     a family's last revision number and revisions (ECS describe format)
 * &lt;any of these&gt;.bak                  the previous version of a record
 * </pre>
 * Names with upper case letters, or longer than 200 characters, get a lower-case prefix and a hash instead, so
 * names differing only in case stay apart on case-insensitive file systems.
 */
package dev.berth.internal.state;
