package dev.berth.exception;

import java.util.List;

/**
 * A cluster query expression (a {@code memberOf} constraint or a container-instance filter) cannot be parsed.
 * The message points at the offending position with a caret under the expression.
 */
public class QuerySyntaxException extends InvalidSpecException {

    private static final int WINDOW = 60;

    /** The whole expression that failed to parse. */
    private final String expression;
    /** Where in it the problem is, 0-based. */
    private final int position;

    /**
     * @param expression the expression as given
     * @param position index of the offending character in {@code expression}, from 0 to its length
     * @param reason what is wrong there, e.g. {@code expected an operator}
     */
    public QuerySyntaxException(String expression, int position, String reason) {
        super("cluster query", List.of(new SpecProblem("expression", "query.syntax", expression,
                reason + " at index " + position + "\n" + pointAt(expression, position))));
        this.expression = expression;
        this.position = position;
    }

    /** @return the expression as given */
    public String expression() {
        return expression;
    }

    /** @return index of the offending character, from 0 to the expression's length */
    public int position() {
        return position;
    }

    /** Shows up to {@value #WINDOW} characters either side of the position, with a caret line below. */
    private static String pointAt(String expression, int position) {
        int from = Math.max(0, position - WINDOW);
        int to = Math.min(expression.length(), position + WINDOW);
        String prefix = from > 0 ? "..." : "";
        String suffix = to < expression.length() ? "..." : "";
        StringBuilder shown = new StringBuilder();
        expression.substring(from, to).codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .forEach(shown::appendCodePoint);
        String caret = " ".repeat(prefix.length() + expression.codePointCount(from, position)) + "^";
        return "      " + prefix + shown + suffix + "\n      " + caret;
    }
}
