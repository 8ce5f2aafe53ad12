package dev.berth.internal.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.Volume;
import java.util.Map;

/** Writes one task volume as ECS's JSON. */
final class VolumeJsonWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private VolumeJsonWriter() {
    }

    static ObjectNode volume(Volume v) {
        ObjectNode node = JSON.objectNode();
        node.put("name", v.name());
        v.host().ifPresent(h -> {
            ObjectNode host = node.putObject("host");
            h.sourcePath().ifPresent(path -> host.put("sourcePath", path));
        });
        v.dockerVolumeConfiguration().ifPresent(d -> node.set("dockerVolumeConfiguration", docker(d)));
        v.efsVolumeConfiguration().ifPresent(e -> node.set("efsVolumeConfiguration", efs(e)));
        v.fsxWindowsFileServerVolumeConfiguration().ifPresent(f -> {
            ObjectNode fsx = node.putObject("fsxWindowsFileServerVolumeConfiguration");
            fsx.put("fileSystemId", f.fileSystemId());
            fsx.put("rootDirectory", f.rootDirectory());
            fsx.putObject("authorizationConfig").put("credentialsParameter", f.credentialsParameter())
                    .put("domain", f.domain());
        });
        v.s3filesVolumeConfiguration().ifPresent(s -> {
            ObjectNode s3 = node.putObject("s3filesVolumeConfiguration");
            s3.put("fileSystemArn", s.fileSystemArn());
            s.rootDirectory().ifPresent(root -> s3.put("rootDirectory", root));
            s.transitEncryptionPort().ifPresent(port -> s3.put("transitEncryptionPort", port));
            s.accessPointArn().ifPresent(arn -> s3.put("accessPointArn", arn));
        });
        if (v.configuredAtLaunch()) {
            node.put("configuredAtLaunch", true);
        }
        return node;
    }

    /** The scope is always written: ECS's default ({@code task}) is what a reader would otherwise have to know. */
    private static ObjectNode docker(DockerVolumeConfiguration d) {
        ObjectNode node = JSON.objectNode();
        node.put("scope", d.scope().ecsName());
        if (d.autoprovision()) {
            node.put("autoprovision", true);
        }
        d.driver().ifPresent(driver -> node.put("driver", driver));
        map(node, "driverOpts", d.driverOpts());
        map(node, "labels", d.labels());
        return node;
    }

    private static ObjectNode efs(EfsVolumeConfiguration e) {
        ObjectNode node = JSON.objectNode();
        node.put("fileSystemId", e.fileSystemId());
        e.rootDirectory().ifPresent(root -> node.put("rootDirectory", root));
        if (e.transitEncryption()) {
            node.put("transitEncryption", "ENABLED");
        }
        e.transitEncryptionPort().ifPresent(port -> node.put("transitEncryptionPort", port));
        if (e.accessPointId().isPresent() || e.iam()) {
            ObjectNode authorization = node.putObject("authorizationConfig");
            e.accessPointId().ifPresent(id -> authorization.put("accessPointId", id));
            if (e.iam()) {
                authorization.put("iam", "ENABLED");
            }
        }
        return node;
    }

    /** In the model's (insertion) order, as Docker labels are written. */
    private static void map(ObjectNode parent, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode node = parent.putObject(field);
            values.forEach(node::put);
        }
    }
}
