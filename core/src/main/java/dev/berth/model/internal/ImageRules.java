package dev.berth.model.internal;

import dev.berth.model.ImageRef;
import java.util.regex.Pattern;

/** ECS's rules for a container's {@code image}: present, at most 255 allowed characters, a sha256 digest. */
final class ImageRules {

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9_:./#-]*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private ImageRules() {
    }

    static void check(String path, ImageRef image, Problems problems) {
        String text = image.toString();
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        if (name.isEmpty()) {
            problems.add(path, Rule.IMAGE_EMPTY, text);
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            problems.add(path, Rule.IMAGE_TOO_LONG, text, name.length());
        }
        if (!NAME_CHARACTERS.matcher(name).matches()) {
            problems.add(path, Rule.IMAGE_CHARACTERS, text);
        }
        if (at >= 0 && !DIGEST.matcher(text.substring(at + 1)).matches()) {
            problems.add(path, Rule.IMAGE_DIGEST, text);
        }
    }
}
