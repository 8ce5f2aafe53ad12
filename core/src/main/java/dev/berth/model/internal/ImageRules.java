package dev.berth.model.internal;

import dev.berth.model.ImageRef;
import java.util.regex.Pattern;

/** ECS's rules for a container's {@code image}: present, at most 255 allowed characters, a sha256 digest. */
final class ImageRules {

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9_:./#-]*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Template placeholders that CI tools fill in: {@code <IMAGE1_NAME>}, {@code ${IMAGE}}, {@code {{image}}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile(".*(<[^>]*>|\\$\\{[^}]*}|\\{\\{[^}]*}}|\\$[A-Z_]+).*");

    private ImageRules() {
    }

    private static int firstBadCharacter(String name) {
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            if (!NAME_CHARACTERS.matcher(new String(Character.toChars(name.codePointAt(i)))).matches()) {
                return i;
            }
        }
        return 0;
    }

    /** @return the character as a message shows it: quoted, or named when it cannot be seen */
    private static String shown(int codePoint) {
        if (codePoint == ' ') {
            return "the space";
        } else if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)) {
            return String.format(java.util.Locale.ROOT, "the control character U+%04X", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }

    private static String placeholderHint(String name) {
        return PLACEHOLDER.matcher(name).matches()
                ? " It looks like a template placeholder that was not filled in: replace it with the image reference"
                        + " (e.g. render the file with your CI's task-definition step) before reading the file."
                : "";
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
            int bad = firstBadCharacter(name);
            problems.add(path, Rule.IMAGE_CHARACTERS, text, shown(name.codePointAt(bad)), bad + 1,
                    placeholderHint(name));
        }
        if (at >= 0 && !DIGEST.matcher(text.substring(at + 1)).matches()) {
            problems.add(path, Rule.IMAGE_DIGEST, text);
        }
    }
}
