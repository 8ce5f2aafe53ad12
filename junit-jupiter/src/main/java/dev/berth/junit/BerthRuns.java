package dev.berth.junit;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerCleanup;
import dev.berth.docker.DockerCleanup.Resource;
import dev.berth.exception.BackendUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit extension's runs on a Docker engine, for clean-up outside the extension (a build step, a suite's own
 * {@code @AfterAll}, code that mixes the extension with services of its own). Everything the extension creates
 * carries {@link #RUN_LABEL} with this JVM's {@link #currentRunId() run id}, and labels naming the JVM's host, pid and
 * start time, from which a later run tells a dead JVM's leftovers from those of a live one. Removal goes through
 * {@link DockerCleanup}, the one clean-up by label for every Berth user.
 */
public final class BerthRuns {

    /** The label that carries the run id on every container, network and volume the extension creates. */
    public static final String RUN_LABEL = RunIdentity.RUN;

    private static final Logger LOG = LoggerFactory.getLogger(BerthRuns.class);

    private BerthRuns() {
    }

    /** @return this JVM's run id: the value of {@link #RUN_LABEL} on what the extension creates in this JVM */
    public static String currentRunId() {
        return RunIdentity.CURRENT.runId();
    }

    /**
     * Removes what the extension created in this JVM on the engine, whichever scope it belongs to.
     *
     * @param engine the engine
     * @return what was removed
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    public static List<Resource> removeCurrentRun(DockerBackendConfig engine) {
        return DockerCleanup.remove(engine, RUN_LABEL, currentRunId());
    }

    /**
     * Removes what runs of other JVMs on this host left behind after their JVM ended (killed, or its shutdown hook
     * cut short): the sweep the extension makes once per engine and JVM. What runs of live JVMs, of other hosts and
     * of this JVM created is left alone.
     *
     * @param engine the engine
     * @return what was removed
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    public static List<Resource> removeEndedRuns(DockerBackendConfig engine) {
        return removeEndedRuns(engine, RunIdentity.CURRENT);
    }

    static List<Resource> removeEndedRuns(DockerBackendConfig engine, RunIdentity self) {
        Set<String> endedRuns = new LinkedHashSet<>();
        for (Resource r : DockerCleanup.find(engine, RUN_LABEL)) {
            if (self.isGoneRun(r.labels())) {
                endedRuns.add(r.labels().get(RUN_LABEL));
            }
        }
        List<Resource> removed = new ArrayList<>();
        for (String run : endedRuns) {
            List<Resource> ofRun = DockerCleanup.remove(engine, RUN_LABEL, run);
            LOG.info("removed {} containers, networks and volumes left by ended test run={}", ofRun.size(), run);
            removed.addAll(ofRun);
        }
        return removed;
    }
}
