package dev.berth.model.internal;

import dev.berth.model.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules for a task definition's {@code tags}: at most 50, keys of 1 to 128 characters and unique, values up to 256. */
final class TagRules {

    private static final int MAX_TAGS = 50;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    private static final String PATH = "tags";

    private TagRules() {
    }

    static void check(List<Tag> tags, Problems problems) {
        if (tags.size() > MAX_TAGS) {
            problems.add(PATH, Rule.TAGS_TOO_MANY, tags.size(), tags.size());
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String path = Problems.element(PATH, i);
            if (tag.key().isEmpty() || tag.key().length() > MAX_KEY_LENGTH) {
                problems.add(path + ".key", Rule.TAG_KEY_LENGTH, tag.key());
            } else if (!keys.add(tag.key())) {
                problems.add(path + ".key", Rule.TAG_KEY_DUPLICATE, tag.key(), tag.key());
            }
            if (tag.value().length() > MAX_VALUE_LENGTH) {
                problems.add(path + ".value", Rule.TAG_VALUE_LENGTH, tag.value());
            }
        }
    }
}
