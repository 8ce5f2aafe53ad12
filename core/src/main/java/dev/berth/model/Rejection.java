package dev.berth.model;

import java.util.Objects;

/**
 * One reason an instance cannot take a task.
 *
 * @param reason the reason code
 * @param detail for people: the numbers ({@code needs 512 MiB, 256 remaining}), the ports, or for
 *     {@link RejectionReason#ATTRIBUTE} the failing constraint as {@code memberOf(<expression>)}
 */
public record Rejection(RejectionReason reason, String detail) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return e.g. {@code RESOURCE:MEMORY (needs 512 MiB, 256 remaining)} */
    @Override
    public String toString() {
        return reason.code() + " (" + detail + ")";
    }
}
