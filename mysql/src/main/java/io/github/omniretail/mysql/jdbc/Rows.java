package io.github.omniretail.mysql.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

/** Small helpers for statements with variable-length lists of parameters. Stateless. */
public final class Rows {

    private Rows() {
    }

    /**
     * Placeholders for {@code rows} tuples of {@code width} parameters: {@code (?, ?), (?, ?)}.
     *
     * @param rows positive number of tuples
     * @param width positive parameters per tuple
     * @return the text
     */
    public static String tuples(int rows, int width) {
        StringBuilder b = new StringBuilder(rows * (width * 3 + 4));
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < width; i++) {
                b.append(i == 0 ? "?" : ", ?");
            }
            b.append(')');
        }
        return b.toString();
    }

    /**
     * Placeholders for an {@code IN} list: {@code (?, ?, ?)}.
     *
     * @param size positive number of values
     * @return the text
     */
    public static String in(int size) {
        return tuples(1, size);
    }

    /**
     * Binds values from parameter {@code from} on: strings as they are, numbers and booleans natively, null as null.
     *
     * @param p non-null statement
     * @param from first parameter index
     * @param values non-null values
     * @return the next free parameter index
     * @throws SQLException from the driver
     */
    public static int bind(PreparedStatement p, int from, Collection<?> values) throws SQLException {
        int i = from;
        for (Object v : values) {
            if (v == null) {
                p.setNull(i++, Types.VARCHAR);
            } else if (v instanceof Long l) {
                p.setLong(i++, l);
            } else if (v instanceof Integer n) {
                p.setInt(i++, n);
            } else if (v instanceof Boolean b) {
                p.setBoolean(i++, b);
            } else {
                p.setString(i++, v.toString());
            }
        }
        return i;
    }

    /**
     * Splits a list into chunks of at most {@code size}.
     *
     * @param all non-null list
     * @param size positive chunk size
     * @param <T> element type
     * @return the chunks, as views
     */
    public static <T> List<List<T>> chunks(List<T> all, int size) {
        java.util.ArrayList<List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
