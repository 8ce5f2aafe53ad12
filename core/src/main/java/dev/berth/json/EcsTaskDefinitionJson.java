package dev.berth.json;

import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.internal.json.JsonDocuments;
import dev.berth.internal.json.TaskDefinitionJsonReader;
import dev.berth.internal.json.TaskDefinitionJsonWriter;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes task definitions in Amazon ECS's JSON format, so that a file made for
 * {@code aws ecs register-task-definition --cli-input-json} runs unchanged on Berth.
 *
 * <pre>{@code
 * EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();
 * TaskDefinition web = json.read(Path.of("web.json"));
 * String text = json.write(web);
 * }</pre>
 *
 * <p><b>What is read.</b> {@code read} takes register-task-definition input, and also describe-task-definition
 * output (<code>{"taskDefinition": {...}, "tags": [...]}</code> or the bare {@code taskDefinition} object), whose
 * read-only fields ({@code taskDefinitionArn}, {@code revision}, {@code status}, {@code requiresAttributes},
 * {@code compatibilities}, {@code registeredAt}, {@code registeredBy}, {@code deregisteredAt}) it then drops.
 * {@code readRegistered} takes describe-task-definition output and keeps them. Task-level {@code cpu} and
 * {@code memory} may be numbers or strings as ECS accepts them: {@code "256"}, {@code "1 vCPU"},
 * {@code "0.5 vCPU"} (1 vCPU = 1,024 units, which must come out whole), {@code "512"}, {@code "2 GB"},
 * {@code "0.5GB"} (1 GB = 1,024 MiB). JSON {@code null} counts as an absent field.
 *
 * <p><b>Fields.</b> Every field of RegisterTaskDefinition is read into the model: volumes and mount points, Linux
 * parameters, FireLens, the runtime platform and the rest. Fields ECS does not know are rejected, with a hint: the
 * closest known name for a misspelling, or the level a field belongs to ({@code networkMode} inside a container,
 * {@code memoryReservation} at task level). With {@link Builder#ignoreUnknownFields(boolean)
 * ignoreUnknownFields(true)} they are dropped instead; nothing ECS knows is ever dropped.
 *
 * <p><b>Errors.</b> Every JSON problem of a document (malformed or cut-short JSON, wrong types, unknown enum values,
 * unknown fields, unparsable cpu/memory) is reported at once in one {@link InvalidSpecException}, each
 * {@link dev.berth.exception.SpecProblem} with the JSON path of the bad value, e.g.
 * {@code containerDefinitions[0].portMappings[1].protocol}. A document whose JSON problems are only unknown fields
 * is also validated against ECS's registration rules, and those problems are added to the same exception, so that
 * one round fixes everything. A document without JSON problems is validated by {@link TaskDefinition}'s
 * constructor, whose exception is thrown as it is.
 *
 * <p><b>What is written.</b> Indented JSON with a stable field order (that of ECS's CLI skeleton) and ECS's names
 * and spellings; {@code essential} is always written, empty lists and absent values are left out, a dynamic
 * {@code hostPort} (0) is left out, and task {@code cpu}/{@code memory} are strings of units/MiB. Reading what was
 * written gives back an equal task definition.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EcsTaskDefinitionJson {

    private static final String SUBJECT = "task-definition JSON";

    private final JsonDocuments documents;
    private final TaskDefinitionJsonReader reader;

    private EcsTaskDefinitionJson(Builder builder) {
        documents = new JsonDocuments();
        reader = new TaskDefinitionJsonReader(builder.ignoreUnknownFields);
    }

    /** @return a codec that rejects unknown fields and uses Jackson's default parser settings */
    public static EcsTaskDefinitionJson create() {
        return builder().build();
    }

    /** @return a builder for a codec with other options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads register-task-definition input (or describe-task-definition output, dropping its read-only fields).
     *
     * @param json the JSON document
     * @return the validated task definition
     * @throws InvalidSpecException listing every JSON problem with its path, or else every ECS validation problem
     */
    public TaskDefinition read(String json) {
        Objects.requireNonNull(json, "json");
        return reader.readTaskDefinition(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * Reads register-task-definition input (or describe-task-definition output, dropping its read-only fields).
     *
     * @param json the JSON document in UTF-8, -16 or -32; read to its end, not closed
     * @return the validated task definition
     * @throws InvalidSpecException listing every JSON problem with its path, or else every ECS validation problem
     * @throws BerthException if the stream cannot be read
     */
    public TaskDefinition read(InputStream json) {
        Objects.requireNonNull(json, "json");
        return reader.readTaskDefinition(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * Reads a register-task-definition input file (or describe-task-definition output, dropping its read-only
     * fields).
     *
     * @param file the JSON file
     * @return the validated task definition
     * @throws InvalidSpecException listing every JSON problem with its path, or else every ECS validation problem
     * @throws BerthException if the file cannot be read
     */
    public TaskDefinition read(Path file) {
        String subject = SUBJECT + " " + file;
        return reader.readTaskDefinition(documents.parse(file, subject), subject);
    }

    /**
     * Reads describe-task-definition output: <code>{"taskDefinition": {...}, "tags": [...]}</code> or the bare
     * {@code taskDefinition} object. It must carry {@code taskDefinitionArn}, {@code revision}, {@code status}
     * and {@code registeredAt} (epoch seconds, as the API returns it, or an ISO-8601 string with an offset, as the
     * CLI prints it).
     *
     * @param json the JSON document
     * @return the registered revision
     * @throws InvalidSpecException listing every JSON problem with its path (including a missing read-only
     *     field), or else every ECS validation problem of the definition
     */
    public RegisteredTaskDefinition readRegistered(String json) {
        Objects.requireNonNull(json, "json");
        return reader.readRegistered(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * Reads describe-task-definition output; see {@link #readRegistered(String)}.
     *
     * @param json the JSON document in UTF-8, -16 or -32; read to its end, not closed
     * @return the registered revision
     * @throws InvalidSpecException listing every JSON problem with its path, or else every ECS validation problem
     * @throws BerthException if the stream cannot be read
     */
    public RegisteredTaskDefinition readRegistered(InputStream json) {
        Objects.requireNonNull(json, "json");
        return reader.readRegistered(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * Reads a describe-task-definition output file; see {@link #readRegistered(String)}.
     *
     * @param file the JSON file
     * @return the registered revision
     * @throws InvalidSpecException listing every JSON problem with its path, or else every ECS validation problem
     * @throws BerthException if the file cannot be read
     */
    public RegisteredTaskDefinition readRegistered(Path file) {
        String subject = SUBJECT + " " + file;
        return reader.readRegistered(documents.parse(file, subject), subject);
    }

    /**
     * Writes a task definition in register-task-definition input format.
     *
     * @param td the task definition
     * @return indented JSON ending with a newline
     */
    public String write(TaskDefinition td) {
        return documents.print(TaskDefinitionJsonWriter.registerFormat(Objects.requireNonNull(td, "td")));
    }

    /**
     * Writes a registered revision in describe-task-definition output format,
     * <code>{"taskDefinition": {...}, "tags": [...]}</code>, with {@code registeredAt} as an ISO-8601 string.
     *
     * @param registered the registered revision
     * @return indented JSON ending with a newline
     */
    public String writeRegistered(RegisteredTaskDefinition registered) {
        return documents.print(TaskDefinitionJsonWriter.describeFormat(
                Objects.requireNonNull(registered, "registered")));
    }

    /** Options of an {@link EcsTaskDefinitionJson}; the last call for an option wins. */
    public static final class Builder {
        private boolean ignoreUnknownFields;

        private Builder() {
        }

        /**
         * @param ignore {@code true} to drop fields ECS does not know (a tool's own annotations, misspellings)
         *     instead of rejecting them; default {@code false}. Every field ECS knows is read either way.
         * @return this builder
         */
        public Builder ignoreUnknownFields(boolean ignore) {
            ignoreUnknownFields = ignore;
            return this;
        }

        /** @return the codec */
        public EcsTaskDefinitionJson build() {
            return new EcsTaskDefinitionJson(this);
        }
    }
}
