package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A best-effort placement preference
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html). A request holds up to
 * five, evaluated in order: each later one only breaks the ties the earlier ones leave.
 *
 * <ul>
 *   <li>{@code binpack(cpu|memory)}: the instance with the least remaining amount that still fits;</li>
 *   <li>{@code spread(instanceId|host|attribute:<name>)}: the value with the fewest tasks of the task's group
 *       (instances without the attribute count as one more value);</li>
 *   <li>{@code random}: any instance; as it leaves no ties, strategies after it have no effect.</li>
 * </ul>
 * Ties left after the last strategy go to the first instance in a pseudo-random order fixed per task group
 * (ECS does not publish its tie-break; this one is deterministic and keeps services off the same instances).
 *
 * @param type the strategy
 * @param field {@code cpu}/{@code memory} for binpack, {@code instanceId}, {@code host} or
 *     {@code attribute:<name>} for spread, empty for random
 */
public record PlacementStrategy(Type type, Optional<String> field) {

    /** Field value of {@code spread} by instance. */
    public static final String INSTANCE_ID = "instanceId";
    /** Alias of {@link #INSTANCE_ID}. */
    public static final String HOST = "host";
    private static final String ATTRIBUTE = "attribute:";

    /** The strategy types, with ECS's spelling. */
    public enum Type {
        /** Prefer the instances with the least of a resource left, to use as few instances as possible. */
        BINPACK("binpack"),
        /** Spread tasks evenly over the values of an attribute, such as availability zones or instances. */
        SPREAD("spread"),
        /** Choose among the feasible instances at random (seeded). */
        RANDOM("random");

        private final String ecsName;

        Type(String ecsName) {
            this.ecsName = ecsName;
        }

        /** @return ECS's spelling */
        public String ecsName() {
            return ecsName;
        }
    }

    /**
     * @throws IllegalArgumentException if the field does not suit the type
     */
    public PlacementStrategy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        if (!isValidField(type, field)) {
            throw new IllegalArgumentException("invalid field " + field.map(f -> "'" + f + "'").orElse("(none)")
                    + " for a " + type.ecsName() + " strategy: binpack takes cpu or memory, spread takes instanceId,"
                    + " host or attribute:<name>, random takes none");
        }
    }

    /**
     * @param resource CPU or memory
     * @return {@code binpack} on the given resource
     */
    public static PlacementStrategy binpack(Resource resource) {
        return new PlacementStrategy(Type.BINPACK, Optional.of(resource.ecsName()));
    }

    /**
     * @param field {@code instanceId}, {@code host} or {@code attribute:<name>}
     * @return {@code spread} on {@code instanceId}, {@code host} or {@code attribute:<name>}
     */
    public static PlacementStrategy spread(String field) {
        return new PlacementStrategy(Type.SPREAD, Optional.of(field));
    }

    /** @return {@code spread} over instances */
    public static PlacementStrategy spreadByInstance() {
        return spread(INSTANCE_ID);
    }

    /**
     * @param attributeName the attribute, without {@code attribute:}
     * @return {@code spread} over the values of an attribute, e.g. {@code ecs.availability-zone}
     */
    public static PlacementStrategy spreadByAttribute(String attributeName) {
        return spread(ATTRIBUTE + attributeName);
    }

    /** @return {@code random} */
    public static PlacementStrategy random() {
        return new PlacementStrategy(Type.RANDOM, Optional.empty());
    }

    /** @return ECS's default for services: spread over availability zones, then over instances */
    public static List<PlacementStrategy> serviceDefaults() {
        return List.of(spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE), spreadByInstance());
    }

    /** @return ECS's default for the RunTask API: random */
    public static List<PlacementStrategy> runTaskDefaults() {
        return List.of(random());
    }

    /** @return the resource of a binpack strategy */
    public Optional<Resource> binpackResource() {
        if (type != Type.BINPACK) {
            return Optional.empty();
        }
        return Optional.of(field.orElseThrow().equals(Resource.CPU.ecsName()) ? Resource.CPU : Resource.MEMORY);
    }

    /** @return the attribute name of a spread over an attribute */
    public Optional<String> spreadAttribute() {
        return field.filter(f -> type == Type.SPREAD && f.startsWith(ATTRIBUTE))
                .map(f -> f.substring(ATTRIBUTE.length()));
    }

    /** @return e.g. {@code spread(attribute:ecs.availability-zone)} or {@code random} */
    @Override
    public String toString() {
        return type.ecsName() + field.map(f -> "(" + f + ")").orElse("");
    }

    private static boolean isValidField(Type type, Optional<String> field) {
        switch (type) {
            case BINPACK:
                return field.filter(f -> f.equals(Resource.CPU.ecsName()) || f.equals(Resource.MEMORY.ecsName()))
                        .isPresent();
            case SPREAD:
                return field.filter(f -> f.equals(INSTANCE_ID) || f.equals(HOST)
                        || f.startsWith(ATTRIBUTE) && InstanceAttributes.isValidName(f.substring(ATTRIBUTE.length())))
                        .isPresent();
            default:
                return field.isEmpty();
        }
    }
}
