package dev.berth.scheduler.query;

/**
 * The comparison operators of the cluster query language, each with its symbol and its word form.
 */
public enum Operator {
    /** {@code ==}: the value equals the literal. */
    EQUALS("==", "equals", Arity.ONE),
    /** {@code !=}: the value is missing or differs from the literal. */
    NOT_EQUALS("!=", "not_equals", Arity.ONE),
    /** {@code >}: the value is greater than the literal. */
    GREATER_THAN(">", "greater_than", Arity.ONE),
    /** {@code >=}: the value is greater than or equal to the literal. */
    GREATER_THAN_EQUAL(">=", "greater_than_equal", Arity.ONE),
    /** {@code <}: the value is less than the literal. */
    LESS_THAN("<", "less_than", Arity.ONE),
    /** {@code <=}: the value is less than or equal to the literal. */
    LESS_THAN_EQUAL("<=", "less_than_equal", Arity.ONE),
    /** {@code exists}: the instance has the attribute. */
    EXISTS("exists", "exists", Arity.NONE),
    /** {@code !exists}: the instance lacks the attribute. */
    NOT_EXISTS("!exists", "not_exists", Arity.NONE),
    /** {@code in}: the value is one of the listed literals. */
    IN("in", "in", Arity.LIST),
    /** {@code !in}: the value is missing or none of the listed literals. */
    NOT_IN("!in", "not_in", Arity.LIST),
    /** {@code =~}: the value matches the pattern. */
    MATCHES("=~", "matches", Arity.ONE),
    /** {@code !~}: the value is missing or does not match the pattern. */
    NOT_MATCHES("!~", "not_matches", Arity.ONE);

    /** How many arguments an operator takes. */
    public enum Arity {
        /** {@code exists}, {@code !exists}. */
        NONE,
        /** One literal (a Java regular expression for the match operators). */
        ONE,
        /** A bracketed list of one or more literals. */
        LIST
    }

    private final String symbol;
    private final String word;
    private final Arity arity;

    Operator(String symbol, String word, Arity arity) {
        this.symbol = symbol;
        this.word = word;
        this.arity = arity;
    }

    /** @return the symbol, e.g. {@code ==}; what the printer writes */
    public String symbol() {
        return symbol;
    }

    /** @return the word form, e.g. {@code equals} */
    public String word() {
        return word;
    }

    /** @return how many arguments the operator takes */
    public Arity arity() {
        return arity;
    }

    /** @return whether this operator negates another one ({@code !=}, {@code !exists}, {@code !in}, {@code !~}) */
    public boolean isNegation() {
        return this == NOT_EQUALS || this == NOT_EXISTS || this == NOT_IN || this == NOT_MATCHES;
    }

    /** @return whether this is one of the four ordering operators */
    public boolean isOrdering() {
        return this == GREATER_THAN || this == GREATER_THAN_EQUAL || this == LESS_THAN || this == LESS_THAN_EQUAL;
    }
}
