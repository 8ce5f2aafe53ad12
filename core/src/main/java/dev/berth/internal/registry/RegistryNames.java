package dev.berth.internal.registry;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ECR's rules for repository names and image tags, plus the reference grammar that a tag
 * must also follow to be pushed and pulled through a Docker engine.
 */
public final class RegistryNames {

    /** ECR's RepositoryName pattern: lowercase components separated by {@code /}. */
    static final Pattern REPOSITORY_NAME =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    /** The distribution reference grammar for a tag, which Docker enforces on push and pull. */
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** A content digest as registries give it. */
    static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    static final int MIN_NAME = 2;
    static final int MAX_NAME = 256;
    static final int MAX_TAG = 300;

    private RegistryNames() {
    }

    /**
     * @param name a repository name
     * @throws InvalidSpecException if it breaks ECR's repository-name rules
     */
    public static void checkRepositoryName(String name) {
        List<SpecProblem> problems = new ArrayList<>();
        if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
            problems.add(new SpecProblem("repositoryName", "repositoryName.length", name, "A repository name has "
                    + MIN_NAME + " to " + MAX_NAME + " characters, this one has " + name.length() + "."));
        }
        if (!REPOSITORY_NAME.matcher(name).matches()) {
            problems.add(new SpecProblem("repositoryName", "repositoryName.pattern", name, "A repository name is"
                    + " lowercase letters and digits, in components joined by '.', '_', '__' or '-' and"
                    + " namespaced with '/', e.g. 'team/web-app' (ECR's pattern " + REPOSITORY_NAME + ")."));
        }
        throwIfAny("repository name '" + name + "'", problems);
    }

    /**
     * @param tag an image tag
     * @throws InvalidSpecException if it breaks ECR's tag length or the reference grammar of tags
     */
    public static void checkTag(String tag) {
        List<SpecProblem> problems = new ArrayList<>();
        if (tag.isEmpty() || tag.length() > MAX_TAG) {
            problems.add(new SpecProblem("imageTag", "imageTag.length", tag, "An image tag has 1 to " + MAX_TAG
                    + " characters (ECR), this one has " + tag.length() + "."));
        } else if (!TAG.matcher(tag).matches()) {
            problems.add(new SpecProblem("imageTag", "imageTag.pattern", tag, "An image tag starts with a letter,"
                    + " digit or '_', continues with letters, digits, '_', '.' or '-', and has at most 128"
                    + " characters, so that Docker can push and pull it."));
        }
        throwIfAny("image tag '" + tag + "'", problems);
    }

    /**
     * @param digest a manifest digest
     * @throws InvalidSpecException if it is not {@code sha256:} followed by 64 lowercase hex digits
     */
    public static void checkDigest(String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            throwIfAny("image digest", List.of(new SpecProblem("imageDigest", "imageDigest.pattern", digest,
                    "An image digest is 'sha256:' followed by 64 lowercase hex digits.")));
        }
    }

    /**
     * @param reference a tag or a digest
     * @return whether {@code reference} has the form of a digest rather than a tag
     */
    public static boolean isDigest(String reference) {
        return reference.startsWith("sha256:");
    }

    private static void throwIfAny(String subject, List<SpecProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(subject, problems);
        }
    }
}
