package dev.berth.internal.state;

import dev.berth.exception.BerthException;
import dev.berth.model.ArnScope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Task-definition families kept in a {@link StateDirectory}: one file per family,
 * {@code task-definitions/<family>.json}, holding the family's last revision number (so numbering continues after
 * a restart, even past deleted revisions) and every revision in ECS's describe-task-definition format. The
 * revision rules are {@link TaskDefinitionStore}'s; this class is its journal, writing a family's file before
 * a change takes effect.
 */
public final class FileTaskDefinitions implements TaskDefinitionStore.Journal {

    static final String FAMILIES = "task-definitions";

    private final StateDirectory directory;
    private final StateJson json = new StateJson();

    private FileTaskDefinitions(StateDirectory directory) {
        this.directory = directory;
    }

    /**
     * Reads every family stored in {@code directory}.
     *
     * @param directory a locked state directory; the task definitions write to it until it is closed
     * @param clock source of registration and deregistration times
     * @param scope region and account used in the ARNs of new revisions
     * @return the task definitions; a change fails with a {@link BerthException} if its family's file cannot be
     *     written, and is then not made
     * @throws BerthException if a stored family cannot be read (naming the file and its backup)
     */
    public static TaskDefinitionStore open(StateDirectory directory, Clock clock, ArnScope scope) {
        FileTaskDefinitions files = new FileTaskDefinitions(Objects.requireNonNull(directory, "directory"));
        List<FamilyRevisions> stored = new ArrayList<>();
        for (Path file : directory.records(directory.resolve(FAMILIES))) {
            FamilyRevisions family = files.json.read(file, files.json::readFamily);
            StateDirectory.requireStoredAt(file, files.familyFile(family.family()));
            stored.add(family);
        }
        return new TaskDefinitionStore(clock, scope, stored, files);
    }

    @Override
    public void save(FamilyRevisions family) {
        directory.replace(familyFile(family.family()), json.print(json.write(family)));
    }

    private Path familyFile(String family) {
        return StateDirectory.recordFile(directory.resolve(FAMILIES), family);
    }
}
