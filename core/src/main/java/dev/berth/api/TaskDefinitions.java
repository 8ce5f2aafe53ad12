package dev.berth.api;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.internal.json.RegistrationQuota;
import dev.berth.internal.state.TaskDefinitionStore;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import java.time.Clock;
import java.util.List;

/**
 * Task-definition families and their revisions, with ECS's rules: each registration gets the next revision of
 * its family ({@code web:1}, {@code web:2}, ...), numbers are never reused, a family alone resolves to its latest
 * ACTIVE revision, and deregistered (INACTIVE) revisions cannot start new tasks. Thread-safe.
 *
 * <p>A {@link Berth} keeps them in memory, or in its state directory when it has one.
 */
public final class TaskDefinitions {

    private final TaskDefinitionStore store;

    TaskDefinitions(TaskDefinitionStore store) {
        this.store = store;
    }

    /**
     * @param clock source of registration times
     * @param scope region and account used in ARNs
     * @return task definitions kept in memory, without a {@link Berth}
     */
    public static TaskDefinitions inMemory(Clock clock, ArnScope scope) {
        return new TaskDefinitions(new TaskDefinitionStore(clock, scope));
    }

    /**
     * Registers a new revision of {@code definition}'s family. Identical content still gets a new revision.
     *
     * @param definition the family and content of the new revision
     * @return the new ACTIVE revision
     * @throws InvalidSpecException if its JSON form is over ECS's registration quota of 64 KiB
     * @throws ConflictException if the family has used up ECS's 1,000,000 revisions
     */
    public RegisteredTaskDefinition register(TaskDefinition definition) {
        RegistrationQuota.requireWithin(definition);
        return store.register(definition);
    }

    /**
     * @param ref {@code family} (latest ACTIVE revision), {@code family:revision} or ARN (that revision in any status)
     * @return the revision
     * @throws ResourceNotFoundException if no such revision exists (or, for a bare family, none is ACTIVE)
     */
    public RegisteredTaskDefinition describe(TaskDefinitionRef ref) {
        return store.describe(ref);
    }

    /**
     * @param ref {@code family}, {@code family:revision} or a task-definition ARN
     * @return the revision, as {@link #describe(TaskDefinitionRef)}
     * @throws InvalidSpecException if {@code ref} is not a task-definition reference
     * @throws ResourceNotFoundException if no such revision exists
     */
    public RegisteredTaskDefinition describe(String ref) {
        return describe(TaskDefinitionRef.parse(ref));
    }

    /**
     * Resolves the revision a new task or service should start from.
     *
     * @param ref a family (its latest ACTIVE revision) or {@code family:revision}
     * @return the ACTIVE revision {@code ref} names
     * @throws ResourceNotFoundException if no such revision exists
     * @throws ConflictException if the revision is INACTIVE or being deleted
     */
    public RegisteredTaskDefinition resolveForLaunch(TaskDefinitionRef ref) {
        return store.resolveForLaunch(ref);
    }

    /**
     * Marks one revision INACTIVE: running tasks and services keep it, new ones cannot use it.
     * Deregistering an INACTIVE revision again is a no-op that returns it.
     *
     * @param ref {@code family:revision} or ARN; ECS requires the revision
     * @return the INACTIVE revision
     * @throws InvalidSpecException if {@code ref} has no revision
     * @throws ResourceNotFoundException if no such revision exists
     * @throws ConflictException if the revision is already being deleted
     */
    public RegisteredTaskDefinition deregister(TaskDefinitionRef ref) {
        return store.deregister(ref);
    }

    /**
     * Requests deletion of INACTIVE revisions (at most 10 per call, as ECS): they become DELETE_IN_PROGRESS.
     * Their numbers stay used.
     *
     * @param refs the revisions, each with its number
     * @return the revisions, now DELETE_IN_PROGRESS
     * @throws InvalidSpecException if a reference has no revision, or more than 10 are given
     * @throws ResourceNotFoundException if a revision does not exist
     * @throws ConflictException if a revision is still ACTIVE (deregister it first); nothing is changed then
     */
    public List<RegisteredTaskDefinition> delete(List<TaskDefinitionRef> refs) {
        return store.delete(refs);
    }

    /**
     * @param familyPrefix only families starting with this; empty for all
     * @param status only revisions in this status
     * @return matching revisions ordered by family, then revision
     */
    public List<RegisteredTaskDefinition> list(String familyPrefix, TaskDefinitionStatus status) {
        return store.list(familyPrefix, status);
    }

    /**
     * @param familyPrefix only families starting with this; empty for all
     * @return family names that have at least one ACTIVE revision, sorted
     */
    public List<String> activeFamilies(String familyPrefix) {
        return store.activeFamilies(familyPrefix);
    }
}
