package dev.berth.registry.lifecycle;

import dev.berth.registry.Image;
import java.util.Objects;

/**
 * An image a lifecycle policy expires, with the rule that expires it.
 *
 * @param image the image as it was when the policy was evaluated
 * @param rule the rule that expires it
 */
public record ExpiredImage(Image image, LifecycleRule rule) {

    /**
     * @throws NullPointerException if a component is null
     */
    public ExpiredImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(rule, "rule");
    }
}
