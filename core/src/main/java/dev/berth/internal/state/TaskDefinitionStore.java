package dev.berth.internal.state;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Task-definition families and their revisions with ECS's rules, behind {@link dev.berth.api.TaskDefinitions}:
 * revision numbers, statuses, lookups and deletion. One lock guards the whole store: registrations are rare next to task
 * starts, and a single lock keeps multi-revision deletes all-or-nothing without lock ordering.
 *
 * <p>A {@link Journal} makes it durable: every change of a family is handed to the journal before it takes effect
 * in memory, and a change the journal refuses (it throws) leaves the store as it was.
 */
public final class TaskDefinitionStore {

    /** ECS's quota of revisions per family (deregistered ones included). */
    static final int MAX_REVISIONS_PER_FAMILY = 1_000_000;
    /** ECS's limit of revisions per DeleteTaskDefinitions call. */
    static final int MAX_DELETES_PER_CALL = 10;

    private final Clock clock;
    private final ArnScope scope;
    private final Journal journal;
    private final Map<String, Family> families = new TreeMap<>();

    /**
     * Where changes of families are made durable before they take effect.
     */
    @FunctionalInterface
    public interface Journal {

        /**
         * Stores the new content of a family, replacing what was stored for it.
         *
         * @param family the family after the change
         * @throws dev.berth.exception.BerthException if it cannot be stored; the change is then not made
         */
        void save(FamilyRevisions family);
    }

    /**
     * @param clock source of registration and deregistration times
     * @param scope region and account used in ARNs
     */
    public TaskDefinitionStore(Clock clock, ArnScope scope) {
        this(clock, scope, List.of(), family -> { });
    }

    /**
     * @param clock source of registration and deregistration times
     * @param scope region and account used in new ARNs
     * @param stored the families stored before, as the journal saved them
     * @param journal receives every change of a family before it takes effect
     */
    public TaskDefinitionStore(Clock clock, ArnScope scope, List<FamilyRevisions> stored, Journal journal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.journal = Objects.requireNonNull(journal, "journal");
        for (FamilyRevisions family : stored) {
            Family loaded = new Family();
            loaded.lastRevision = family.lastRevision();
            family.revisions().forEach(r -> loaded.revisions.put(r.revision(), r));
            families.put(family.family(), loaded);
        }
    }

    /**
     * @param definition the family and content of the new revision
     * @return the new ACTIVE revision, the family's next number
     * @throws ConflictException if the family has used up ECS's 1,000,000 revisions
     */
    public synchronized RegisteredTaskDefinition register(TaskDefinition definition) {
        Family family = families.getOrDefault(definition.family(), new Family());
        if (family.lastRevision >= MAX_REVISIONS_PER_FAMILY) {
            throw new ConflictException("Task definition family '" + definition.family() + "' has reached "
                    + "ECS's limit of " + MAX_REVISIONS_PER_FAMILY + " revisions; register under a new family name.");
        }
        int revision = family.lastRevision + 1;
        var registered = new RegisteredTaskDefinition(scope.taskDefinitionArn(definition.family(), revision),
                revision, TaskDefinitionStatus.ACTIVE, definition, clock.instant(), Optional.empty());
        journal.save(family.with(definition.family(), revision, List.of(registered)));
        family.lastRevision = revision;
        family.revisions.put(revision, registered);
        families.putIfAbsent(definition.family(), family);
        return registered;
    }

    /**
     * @param ref {@code family} (latest ACTIVE revision), {@code family:revision} or ARN (that revision in any status)
     * @return the revision
     * @throws ResourceNotFoundException if no such revision exists (or, for a bare family, none is ACTIVE)
     */
    public synchronized RegisteredTaskDefinition describe(TaskDefinitionRef ref) {
        Family family = family(ref);
        if (ref.revision().isPresent()) {
            return revision(family, ref);
        }
        return family.revisions.descendingMap().values().stream()
                .filter(r -> r.status() == TaskDefinitionStatus.ACTIVE)
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Task definition family '" + ref.family()
                        + "' has no ACTIVE revision; name a revision explicitly (family:revision)."));
    }

    /**
     * @param ref a family (its latest ACTIVE revision) or {@code family:revision}
     * @return the ACTIVE revision {@code ref} names
     * @throws ResourceNotFoundException if no such revision exists
     * @throws ConflictException if the revision is INACTIVE or being deleted
     */
    public synchronized RegisteredTaskDefinition resolveForLaunch(TaskDefinitionRef ref) {
        RegisteredTaskDefinition found = describe(ref);
        if (found.status() != TaskDefinitionStatus.ACTIVE) {
            throw new ConflictException("Task definition " + found.ref() + " is " + found.status()
                    + " and cannot start new tasks or services; register a new revision or use an ACTIVE one.");
        }
        return found;
    }

    /**
     * @param ref {@code family:revision} or ARN
     * @return the INACTIVE revision (deregistering an INACTIVE one again returns it)
     * @throws InvalidSpecException if {@code ref} has no revision
     * @throws ResourceNotFoundException if no such revision exists
     * @throws ConflictException if the revision is being deleted
     */
    public synchronized RegisteredTaskDefinition deregister(TaskDefinitionRef ref) {
        requireRevision(ref);
        Family family = family(ref);
        RegisteredTaskDefinition current = revision(family, ref);
        switch (current.status()) {
            case ACTIVE -> {
                var inactive = current.withStatus(TaskDefinitionStatus.INACTIVE, Optional.of(clock.instant()));
                journal.save(family.with(ref.family(), family.lastRevision, List.of(inactive)));
                family.revisions.put(current.revision(), inactive);
                return inactive;
            }
            case INACTIVE -> {
                return current;
            }
            default -> throw new ConflictException("Task definition " + ref + " is being deleted.");
        }
    }

    /**
     * @param refs INACTIVE revisions, each with its number, at most 10
     * @return the revisions, now DELETE_IN_PROGRESS; if one cannot be deleted, none is
     * @throws InvalidSpecException if a reference has no revision, or more than 10 are given
     * @throws ResourceNotFoundException if a revision does not exist
     * @throws ConflictException if a revision is still ACTIVE
     */
    public synchronized List<RegisteredTaskDefinition> delete(List<TaskDefinitionRef> refs) {
        if (refs.size() > MAX_DELETES_PER_CALL) {
            throw new InvalidSpecException("task definition deletion", List.of(new SpecProblem("taskDefinitions",
                    "taskDefinitions.count", String.valueOf(refs.size()),
                    "At most " + MAX_DELETES_PER_CALL + " task definitions can be deleted per call.")));
        }
        refs.forEach(TaskDefinitionStore::requireRevision);
        List<RegisteredTaskDefinition> targets = new ArrayList<>();
        for (TaskDefinitionRef ref : refs) {
            RegisteredTaskDefinition current = revision(family(ref), ref);
            if (current.status() == TaskDefinitionStatus.ACTIVE) {
                throw new ConflictException("Task definition " + ref + " is ACTIVE; deregister it before deleting it.");
            }
            targets.add(current);
        }
        List<RegisteredTaskDefinition> deleted = targets.stream()
                .map(target -> target.withStatus(TaskDefinitionStatus.DELETE_IN_PROGRESS, target.deregisteredAt()))
                .toList();
        Map<String, List<RegisteredTaskDefinition>> byFamily = new TreeMap<>();
        deleted.forEach(marked -> byFamily.computeIfAbsent(marked.family(), name -> new ArrayList<>()).add(marked));
        saveAllOrNothing(byFamily);
        deleted.forEach(marked -> families.get(marked.family()).revisions.put(marked.revision(), marked));
        return deleted;
    }

    /**
     * @param familyPrefix only families starting with this; empty for all
     * @param status only revisions in this status
     * @return matching revisions ordered by family, then revision
     */
    public synchronized List<RegisteredTaskDefinition> list(String familyPrefix, TaskDefinitionStatus status) {
        // Families are kept in name order and revisions in number order, so the result needs no sort.
        return families.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(familyPrefix))
                .flatMap(entry -> entry.getValue().revisions.values().stream())
                .filter(r -> r.status() == status)
                .toList();
    }

    /**
     * @param familyPrefix only families starting with this; empty for all
     * @return family names that have at least one ACTIVE revision, sorted
     */
    public synchronized List<String> activeFamilies(String familyPrefix) {
        return list(familyPrefix, TaskDefinitionStatus.ACTIVE).stream()
                .map(RegisteredTaskDefinition::family).distinct().toList();
    }

    /** Saves the changes of several families; if one cannot be saved, those saved before are saved back. */
    private void saveAllOrNothing(Map<String, List<RegisteredTaskDefinition>> changesByFamily) {
        List<FamilyRevisions> saved = new ArrayList<>();
        for (var changes : changesByFamily.entrySet()) {
            Family family = families.get(changes.getKey());
            try {
                journal.save(family.with(changes.getKey(), family.lastRevision, changes.getValue()));
            } catch (RuntimeException e) {
                for (FamilyRevisions previous : saved) {
                    try {
                        journal.save(previous);
                    } catch (RuntimeException undo) {
                        e.addSuppressed(undo);
                    }
                }
                throw e;
            }
            saved.add(family.with(changes.getKey(), family.lastRevision, List.of()));
        }
    }

    private Family family(TaskDefinitionRef ref) {
        Family family = families.get(ref.family());
        if (family == null) {
            throw new ResourceNotFoundException("Task definition family '" + ref.family()
                    + "' is not registered; register a task definition of that family first.");
        }
        return family;
    }

    private static RegisteredTaskDefinition revision(Family family, TaskDefinitionRef ref) {
        RegisteredTaskDefinition found = family.revisions.get(ref.revision().orElseThrow());
        if (found == null) {
            throw new ResourceNotFoundException("Task definition " + ref + " does not exist; the family's latest "
                    + "revision is " + family.lastRevision + ".");
        }
        return found;
    }

    private static void requireRevision(TaskDefinitionRef ref) {
        if (ref.revision().isEmpty()) {
            throw new InvalidSpecException("task definition reference", List.of(new SpecProblem("taskDefinition",
                    "taskDefinition.revisionRequired", ref.toString(),
                    "A revision is required: use '" + ref.family() + ":<revision>' or the revision's ARN.")));
        }
    }

    /** The revisions of one family, guarded by the store's lock. */
    private static final class Family {
        private int lastRevision;
        private final TreeMap<Integer, RegisteredTaskDefinition> revisions = new TreeMap<>();

        /** @return the family as it would be with {@code changed} revisions added or replaced */
        FamilyRevisions with(String name, int newLastRevision, List<RegisteredTaskDefinition> changed) {
            Map<Integer, RegisteredTaskDefinition> all = new TreeMap<>(revisions);
            changed.forEach(r -> all.put(r.revision(), r));
            return new FamilyRevisions(name, newLastRevision, List.copyOf(all.values()));
        }
    }
}
