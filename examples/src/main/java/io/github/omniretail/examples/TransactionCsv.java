package io.github.omniretail.examples;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Reads a transactions CSV (header with {@code customer_id}, {@code date}, {@code amount} in any order; other
 * columns ignored; RFC 4180 quoting) into a {@link PurchaseHistory}. Bad rows fail with their line number, or are
 * counted and skipped.
 */
final class TransactionCsv {

    /** A row that could not be read. */
    static final class BadRowException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long line;

        BadRowException(long line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    /** What was read. */
    record Result(PurchaseHistory history, long rows, long skipped, List<String> firstProblems) {
    }

    private TransactionCsv() {
    }

    static Result read(BufferedReader reader, Currency currency, ZoneId zone, boolean skipBadRows,
            LongConsumer bytesRead) throws IOException {
        PurchaseHistory history = PurchaseHistory.create(currency, zone);
        String header = reader.readLine();
        if (header == null) {
            throw new BadRowException(1, "the file is empty; expected a header with customer_id, date, amount");
        }
        bytesRead.accept(header.length() + 1);
        List<String> names = split(header.startsWith("\uFEFF") ? header.substring(1) : header, 1);
        int customerAt = column(names, "customer_id");
        int dateAt = column(names, "date");
        int amountAt = column(names, "amount");
        int needed = Math.max(customerAt, Math.max(dateAt, amountAt)) + 1;
        long line = 1;
        long rows = 0;
        long skipped = 0;
        List<String> problems = new ArrayList<>();
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            bytesRead.accept(text.length() + 1);
            if (text.isBlank()) {
                continue;
            }
            try {
                List<String> cells = split(text, line);
                if (cells.size() < needed) {
                    throw new BadRowException(line, "expected at least " + needed + " columns, found " + cells.size());
                }
                MemberId customer = customer(cells.get(customerAt), line);
                String date = cells.get(dateAt).trim();
                Money amount = amount(cells.get(amountAt).trim(), currency, line);
                addDated(history, customer, date, amount, zone, line);
                rows++;
            } catch (BadRowException e) {
                if (!skipBadRows) {
                    throw e;
                }
                skipped++;
                if (problems.size() < 5) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new Result(history, rows, skipped, List.copyOf(problems));
    }

    private static int column(List<String> names, String wanted) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        throw new BadRowException(1, "the header has no '" + wanted + "' column; found " + names
                + " (need customer_id, date, amount)");
    }

    private static MemberId customer(String text, long line) {
        try {
            return MemberId.of(text);
        } catch (IllegalArgumentException e) {
            throw new BadRowException(line, "customer_id '" + text + "' is not valid: " + e.getMessage());
        }
    }

    private static Money amount(String text, Currency currency, long line) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadRowException(line, "amount '" + text + "' is not a decimal number such as 12.50");
        }
        if (value.signum() < 0) {
            throw new BadRowException(line, "amount " + text + " is negative");
        }
        try {
            return Money.of(value, currency);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new BadRowException(line, "amount " + text + " has more decimals than " + currency
                    + " allows (" + currency.getDefaultFractionDigits() + ")");
        }
    }

    private static void addDated(PurchaseHistory history, MemberId customer, String text, Money amount, ZoneId zone,
            long line) {
        try {
            if (text.length() == 10) {
                history.add(customer, LocalDate.parse(text), amount);
            } else if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                history.add(customer, OffsetDateTime.parse(text).toInstant(), amount);
            } else {
                history.add(customer, LocalDateTime.parse(text), amount);
            }
        } catch (DateTimeParseException e) {
            throw new BadRowException(line, "date '" + text + "' is not an ISO date (yyyy-MM-dd) or date-time "
                    + "(yyyy-MM-ddTHH:mm[:ss][+hh:mm])");
        }
    }

    /** Splits one CSV line; double quotes enclose fields and "" is a literal quote. */
    static List<String> split(String text, long line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadRowException(line, "unterminated quoted field");
        }
        cells.add(cell.toString());
        return cells;
    }
}
