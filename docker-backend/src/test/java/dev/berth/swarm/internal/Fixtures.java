package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Swarm API answers as the engine writes them, for the pure mappings' tests. */
final class Fixtures {

    private Fixtures() {
    }

    static JsonNode json(String text) {
        try {
            return SwarmApi.json().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SwarmNode node(String id, String state, String availability, String labels) {
        return SwarmNode.of(json("{'ID':'" + id + "','Version':{'Index':7},'CreatedAt':'2026-01-02T03:04:05.6Z',"
                + "'Spec':{'Labels':{" + labels + "},'Role':'worker','Availability':'" + availability + "'},"
                + "'Description':{'Hostname':'h-" + id + "','Platform':{'Architecture':'aarch64','OS':'linux'},"
                + "'Resources':{'NanoCPUs':2000000000,'MemoryBytes':4294967296},"
                + "'Engine':{'EngineVersion':'20.10.24+dfsg1','Labels':{'disk':'ssd'}}},"
                + "'Status':{'State':'" + state + "','Addr':'10.0.0." + id.length() + "'}}"));
    }

    /**
     * @param labels the container labels, as JSON members
     * @param extra further members of {@code Status}
     */
    static SwarmTask task(String id, String service, String node, String desired, String state, String labels,
                          String extra, String timestamp) {
        return SwarmTask.of(json("{'ID':'" + id + "','ServiceID':'" + service + "','NodeID':'" + node + "',"
                + "'CreatedAt':'2026-01-02T03:00:00Z','DesiredState':'" + desired + "',"
                + "'Spec':{'ContainerSpec':{'Image':'x','Labels':{'dev.berth.container':'web'"
                + (labels.isEmpty() ? "" : "," + labels) + "}},"
                + "'Resources':{'Reservations':{'NanoCPUs':500000000,'MemoryBytes':67108864}}},"
                + "'Status':{'Timestamp':'" + timestamp + "','State':'" + state + "','Message':'m-" + state + "'"
                + extra + "}}"));
    }
}
