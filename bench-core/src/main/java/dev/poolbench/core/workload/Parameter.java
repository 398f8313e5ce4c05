package dev.poolbench.core.workload;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One {@code ?} of a user's statement: where its values are drawn from, each call anew, and how they are bound.
 * The kinds and their spelling in a workload file are documented in {@code docs/workload-file.md}.
 */
public sealed interface Parameter {

    /** A value drawn from this parameter's range, as it is bound. */
    Object draw(SplittableRandom random);

    /**
     * Binds a value drawn anew at {@code index} (1-based), typed as the value's Java type says: Integer int4, Long
     * int8, BigDecimal numeric, String varchar (text), Boolean bool, UUID uuid.
     */
    default void bind(PreparedStatement statement, int index, SplittableRandom random) throws SQLException {
        statement.setObject(index, draw(random));
    }

    /**
     * {@code int: [low, high]}: a whole number, uniform, both ends included. Bound as an integer (int4) when both
     * ends fit one, so it goes where an int4 goes (a function argument, an int column) and widens where a bigint
     * does; as a bigint otherwise.
     */
    record IntRange(long low, long high) implements Parameter {

        @Override
        public Object draw(SplittableRandom random) {
            long value = uniform(random, low, high);
            return fitsInt() ? (Object) (int) value : (Object) value;
        }

        private boolean fitsInt() {
            return low >= Integer.MIN_VALUE && high <= Integer.MAX_VALUE;
        }
    }

    /**
     * {@code decimal: [low, high]}: a numeric with as many decimal places as the more precise end has, uniform over
     * those steps, both ends included ({@code [0.01, 999.99]} draws cents).
     */
    record DecimalRange(BigDecimal low, BigDecimal high) implements Parameter {

        public DecimalRange {
            int scale = Math.max(0, Math.max(low.scale(), high.scale()));
            low = low.setScale(scale);
            high = high.setScale(scale);
            low.unscaledValue().longValueExact(); // draws count in steps of the last place, as longs
            high.unscaledValue().longValueExact();
        }

        @Override
        public Object draw(SplittableRandom random) {
            long steps = uniform(random, low.unscaledValue().longValueExact(), high.unscaledValue().longValueExact());
            return BigDecimal.valueOf(steps, low.scale());
        }
    }

    /**
     * {@code oneOf: [a, b, ...]}: one of the listed values, each as likely. Each is bound as the type it is written
     * as: text, a whole number, a decimal or a boolean.
     */
    record OneOf(List<Object> values) implements Parameter {

        public OneOf {
            values = List.copyOf(values);
        }

        @Override
        public Object draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** {@code text: [min, max]}: lower-case ASCII letters, the length uniform from min to max characters. */
    record Text(int minLength, int maxLength) implements Parameter {

        @Override
        public Object draw(SplittableRandom random) {
            char[] letters = new char[(int) uniform(random, minLength, maxLength)];
            for (int i = 0; i < letters.length; i++) {
                letters[i] = (char) ('a' + random.nextInt(26));
            }
            return new String(letters);
        }
    }

    /** {@code uuid}: a random (version 4) UUID, bound as a uuid. */
    record RandomUuid() implements Parameter {

        @Override
        public Object draw(SplittableRandom random) {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
            return new UUID(most, least);
        }
    }

    /** {@code bool}: true or false, each as likely. */
    record RandomBool() implements Parameter {

        @Override
        public Object draw(SplittableRandom random) {
            return random.nextBoolean();
        }
    }

    /** Uniform from low to high, both included, over the whole long range. */
    private static long uniform(SplittableRandom random, long low, long high) {
        if (high < Long.MAX_VALUE) {
            return random.nextLong(low, high + 1);
        }
        return low == Long.MIN_VALUE ? random.nextLong() : random.nextLong(low - 1, high) + 1;
    }
}
