package dev.berth.kubernetes.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The labels and annotations by which Berth finds its own objects, and the Kubernetes names it gives them. Labels
 * carry what is selected on (a label value allows only letters, digits, {@code -_.} and 63 characters); annotations
 * carry Berth's values as they are (a task group such as {@code service:web}, an ARN).
 */
public final class BerthLabels {

    /** Kubernetes' recommended label; its value {@value #BERTH} marks every object Berth made. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    public static final String BERTH = "berth";
    /** Label: the Berth cluster (several clusters may share a namespace), as a label value. */
    public static final String CLUSTER = "berth.dev/cluster";
    /** Label: the Berth service a workload or pod belongs to, as a label value. */
    public static final String SERVICE = "berth.dev/service";
    /** Label: a task's Berth deployment, as a label value. */
    public static final String DEPLOYMENT = "berth.dev/deployment";

    /** Annotation: the task's id in Berth, when the pod's name could not be the id itself. */
    public static final String TASK_ID = "berth.dev/task-id";
    /** Annotation: the ARN of the Berth revision the pod runs. */
    public static final String TASK_DEFINITION = "berth.dev/task-definition";
    /** Annotation: the revision itself, as ECS task-definition JSON, so that a new process can read it back. */
    public static final String TASK_DEFINITION_JSON = "berth.dev/task-definition-json";
    /** Annotation: the task's group, e.g. {@code service:web}. */
    public static final String GROUP = "berth.dev/group";
    /** Annotation: who started the task, e.g. a deployment id. */
    public static final String STARTED_BY = "berth.dev/started-by";
    /** Annotation: the Berth names of the pod's containers, in the order of the definition, comma-separated. */
    public static final String CONTAINER_NAMES = "berth.dev/container-names";
    /** Annotation: the Berth service's own name, on its workload. */
    public static final String SERVICE_NAME = "berth.dev/service-name";
    /** Annotation: the Berth cluster's own name. */
    public static final String CLUSTER_NAME = "berth.dev/cluster-name";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final int MAX_LABEL = 63;

    private BerthLabels() {
    }

    /**
     * @param value any text
     * @return {@code value} if it is a valid label value, else a valid value made from it and a hash of it, so that
     *     different texts stay different
     */
    public static String labelValue(String value) {
        if (value.length() <= MAX_LABEL && LABEL_VALUE.matcher(value).matches()) {
            return value;
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9_.-]", "-");
        return shorten(cleaned, MAX_LABEL, value).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /**
     * @param name a Berth name (letters, digits, {@code _-}, up to 255 characters)
     * @param maxLength the longest name the object allows
     * @return {@code name} if it is already a DNS label of at most {@code maxLength}, else a DNS label made from it,
     *     lower case, with a hash of the original when anything had to change
     */
    public static String dnsName(String name, int maxLength) {
        if (name.length() <= maxLength && DNS_LABEL.matcher(name).matches()) {
            return name;
        }
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        String withHash = shorten(cleaned.isEmpty() ? "x" : cleaned, maxLength - 9, "") + "-" + hash(name);
        return withHash.replaceAll("^-+", "x-");
    }

    /**
     * @param name a name
     * @return whether Kubernetes takes it as a DNS label (pod, container and namespace names)
     */
    public static boolean isDnsLabel(String name) {
        return name.length() <= MAX_LABEL && DNS_LABEL.matcher(name).matches();
    }

    private static String shorten(String text, int length, String original) {
        if (original.isEmpty()) {
            return text.length() <= length ? text : text.substring(0, length);
        }
        String suffix = "-" + hash(original);
        return (text.length() + suffix.length() <= length ? text : text.substring(0, length - suffix.length()))
                + suffix;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
