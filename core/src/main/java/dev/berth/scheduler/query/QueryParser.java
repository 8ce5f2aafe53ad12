package dev.berth.scheduler.query;

import dev.berth.exception.QuerySyntaxException;
import dev.berth.model.InstanceAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser of the cluster query language. {@code and} binds tighter than {@code or}
 * (ECS leaves precedence to parentheses; this is the usual convention).
 *
 * <pre>
 * or         := and { ("or" | "||") and }
 * and        := term { ("and" | "&amp;&amp;") term }
 * term       := ["not" | "!"] ( "(" or ")" | comparison )
 * comparison := subject operator [ literal | "[" literal { "," literal } "]" ]
 * literal    := bare | 'quoted' | "quoted"
 * </pre>
 */
final class QueryParser {

    static final int MAX_LENGTH = 2000;
    private static final int MAX_NESTING = 100;
    private static final String DELIMITERS = "()[],'\"";
    private static final String[] SYMBOL_OPERATORS = {"!exists", "!in", "==", "!=", ">=", "<=", "=~", "!~", ">", "<"};

    private final String text;
    private int pos;

    private QueryParser(String text) {
        this.text = text;
    }

    static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException(text, MAX_LENGTH,
                    "an expression has at most 2,000 characters, this one has " + text.length());
        }
        QueryParser parser = new QueryParser(text);
        Expression expression = parser.or(0);
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("expected 'and', 'or' or the end of the expression");
        }
        return expression;
    }

    /** @return whether {@code c} may appear in a literal written without quotes */
    static boolean isBareChar(char c) {
        return !Character.isWhitespace(c) && DELIMITERS.indexOf(c) < 0;
    }

    private Expression or(int depth) {
        List<Expression> operands = new ArrayList<>();
        operands.add(and(depth));
        while (connective("or", "||")) {
            operands.add(and(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.Or(operands);
    }

    private Expression and(int depth) {
        List<Expression> operands = new ArrayList<>();
        operands.add(term(depth));
        while (connective("and", "&&")) {
            operands.add(term(depth));
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.And(operands);
    }

    /** Consumes the connective if it comes next. */
    private boolean connective(String word, String symbol) {
        skipSpace();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        if (text.startsWith(word, pos) && endsWord(pos + word.length())) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private Expression term(int depth) {
        if (depth >= MAX_NESTING) {
            throw error("parentheses nest more than " + MAX_NESTING + " deep");
        }
        skipSpace();
        boolean negated = false;
        if (peek() == '!') {
            pos++;
            negated = true;
        } else if (text.startsWith("not", pos) && endsWord(pos + 3)) {
            pos += 3;
            negated = true;
        }
        skipSpace();
        Expression inner;
        if (peek() == '(') {
            pos++;
            inner = or(depth + 1);
            skipSpace();
            expect(')', "expected ')'");
        } else {
            inner = comparison();
        }
        return negated ? new Expression.Not(inner) : inner;
    }

    private Comparison comparison() {
        Subject subject = subject();
        skipSpace();
        int operatorStart = pos;
        Operator operator = operator();
        ComparisonRules.operatorProblem(subject, operator).ifPresent(p -> {
            throw error(operatorStart, p);
        });
        List<String> arguments = new ArrayList<>();
        switch (operator.arity()) {
            case NONE:
                break;
            case ONE:
                arguments.add(argument(subject, operator));
                break;
            default:
                skipSpace();
                expect('[', "expected '[' to open the list of values");
                do {
                    arguments.add(argument(subject, operator));
                    skipSpace();
                } while (consume(','));
                expect(']', "expected ',' or ']'");
        }
        return new Comparison(subject, operator, arguments);
    }

    private Subject subject() {
        int start = pos;
        while (!atEnd() && isSubjectChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.isEmpty()) {
            throw error(start, "expected a subject (attribute:<name>, task:group, agentConnected, agentVersion,"
                    + " ec2InstanceId, registeredAt, runningTasksCount), '(' or 'not'");
        }
        String prefix = Subject.Kind.ATTRIBUTE.spelling();
        if (word.startsWith(prefix)) {
            String name = word.substring(prefix.length());
            if (!InstanceAttributes.isValidName(name)) {
                throw error(start + prefix.length(),
                        "an attribute name has 1 to 128 letters, digits, '-', '_', '/' or '.'");
            }
            return Subject.attribute(name);
        }
        for (Subject.Kind kind : Subject.Kind.values()) {
            if (kind != Subject.Kind.ATTRIBUTE && kind.spelling().equals(word)) {
                return Subject.of(kind);
            }
        }
        throw error(start, "unknown subject '" + word + "'");
    }

    private Operator operator() {
        for (String symbol : SYMBOL_OPERATORS) {
            boolean endsInLetter = Character.isLetter(symbol.charAt(symbol.length() - 1));
            if (text.startsWith(symbol, pos) && (!endsInLetter || endsWord(pos + symbol.length()))) {
                pos += symbol.length();
                return bySymbol(symbol);
            }
        }
        int start = pos;
        while (!atEnd() && isSubjectChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        for (Operator operator : Operator.values()) {
            if (operator.word().equals(word)) {
                return operator;
            }
        }
        throw error(start, "expected an operator (== != > >= < <= exists !exists in !in =~ !~)");
    }

    private static Operator bySymbol(String symbol) {
        for (Operator operator : Operator.values()) {
            if (operator.symbol().equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalStateException("no operator " + symbol);
    }

    private String argument(Subject subject, Operator operator) {
        skipSpace();
        int start = pos;
        String value = literal();
        Optional<String> problem = ComparisonRules.argumentProblem(subject, operator, value);
        problem.ifPresent(p -> {
            throw error(start, p);
        });
        return value;
    }

    private String literal() {
        char quote = peek();
        if (quote == '\'' || quote == '"') {
            int close = text.indexOf(quote, pos + 1);
            if (close < 0) {
                throw error("unterminated quoted value");
            }
            String value = text.substring(pos + 1, close);
            pos = close + 1;
            return value;
        }
        int start = pos;
        while (!atEnd() && isBareChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a value");
        }
        return text.substring(start, pos);
    }

    private static boolean isSubjectChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || "-_./:".indexOf(c) >= 0;
    }

    /** @return whether a keyword ending just before {@code index} is a whole word */
    private boolean endsWord(int index) {
        if (index >= text.length()) {
            return true;
        }
        return !isSubjectChar(text.charAt(index));
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String reason) {
        if (!consume(c)) {
            throw error(reason);
        }
    }

    /** @return the next character, or {@code '\0'} at the end (never a meaningful character here) */
    private char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private QuerySyntaxException error(String reason) {
        return error(pos, reason);
    }

    private QuerySyntaxException error(int position, String reason) {
        return new QuerySyntaxException(text, position, reason);
    }
}
