package dev.berth.scheduler.query;

/**
 * The comparison operators of the cluster query language, each with its symbol and its word form.
 */
public enum Operator {
    EQUALS("==", "equals", Arity.ONE),
    NOT_EQUALS("!=", "not_equals", Arity.ONE),
    GREATER_THAN(">", "greater_than", Arity.ONE),
    GREATER_THAN_EQUAL(">=", "greater_than_equal", Arity.ONE),
    LESS_THAN("<", "less_than", Arity.ONE),
    LESS_THAN_EQUAL("<=", "less_than_equal", Arity.ONE),
    EXISTS("exists", "exists", Arity.NONE),
    NOT_EXISTS("!exists", "not_exists", Arity.NONE),
    IN("in", "in", Arity.LIST),
    NOT_IN("!in", "not_in", Arity.LIST),
    MATCHES("=~", "matches", Arity.ONE),
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
