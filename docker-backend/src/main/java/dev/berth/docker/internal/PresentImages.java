package dev.berth.docker.internal;

import dev.berth.docker.ImagePullPolicy;
import dev.berth.model.ImageRef;
import dev.berth.registry.RegistryCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers, for a short while, which images were found or made present on the engine, so that a burst of tasks
 * of one revision inspects its image once rather than once per task. Pull policy ALWAYS never uses what is
 * remembered (it pulls every time); a pull or a successful inspection renews an image's entry; an image the engine
 * reports missing when a container is created is forgotten at once, and every entry expires after
 * {@link #FRESHNESS}, so that an image removed behind Berth's back is looked for again.
 */
final class PresentImages {

    /** How long an image found present is trusted without asking the engine again. */
    static final Duration FRESHNESS = Duration.ofSeconds(10);

    private final ImageResolver resolver;
    private final RecentlyFound present;

    /**
     * @param resolver asks the engine and pulls
     * @param clock the time an entry expires by
     */
    PresentImages(ImageResolver resolver, Clock clock) {
        this.resolver = resolver;
        this.present = new RecentlyFound(clock, FRESHNESS);
    }

    /**
     * @param image the image a container runs
     * @param policy when to pull
     * @param login the login to pull with; empty = the credentials lookup's
     * @throws dev.berth.exception.BerthException as {@link ImageResolver#ensurePresent} throws it
     */
    void ensurePresent(ImageRef image, ImagePullPolicy policy, Optional<RegistryCredentials> login) {
        String key = image.toString();
        if (policy != ImagePullPolicy.ALWAYS && present.isFresh(key)) {
            return;
        }
        resolver.ensurePresent(image, policy, login);
        present.found(key);
    }

    /** @param image an image the engine reported missing: the next start asks the engine again */
    void forget(ImageRef image) {
        present.forget(image.toString());
    }
}
