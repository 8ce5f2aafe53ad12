package dev.berth.scheduler.query;

import java.util.regex.Pattern;

/** Orders agent versions numerically, component by component; missing components count as 0. */
final class AgentVersion {

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})*");

    private AgentVersion() {
    }

    static boolean isValid(String version) {
        return VERSION.matcher(version).matches();
    }

    /** Both arguments must be {@linkplain #isValid valid}. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
