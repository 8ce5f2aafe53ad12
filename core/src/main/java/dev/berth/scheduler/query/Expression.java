package dev.berth.scheduler.query;

import java.util.List;
import java.util.Objects;

/**
 * A parsed cluster query expression: comparisons joined by {@code and}, {@code or} and {@code not}.
 * The tree keeps the grouping the text gave it, so printing and parsing it again gives an equal tree.
 */
public sealed interface Expression permits Expression.And, Expression.Or, Expression.Not, Comparison {

    /**
     * Two or more expressions that must all hold.
     *
     * @param operands at least two
     */
    record And(List<Expression> operands) implements Expression {
        /**
         * Copies the operands.
         *
         * @throws IllegalArgumentException with fewer than two operands
         */
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("'and' needs at least two operands");
            }
        }
    }

    /**
     * Two or more expressions of which at least one must hold.
     *
     * @param operands at least two
     */
    record Or(List<Expression> operands) implements Expression {
        /**
         * Copies the operands.
         *
         * @throws IllegalArgumentException with fewer than two operands
         */
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("'or' needs at least two operands");
            }
        }
    }

    /**
     * The negation of an expression.
     *
     * @param operand the expression negated
     */
    record Not(Expression operand) implements Expression {
        /**
         * Checks that every component is present.
         *
         * @throws NullPointerException if a required component is null
         */
        public Not {
            Objects.requireNonNull(operand, "operand");
        }
    }
}
