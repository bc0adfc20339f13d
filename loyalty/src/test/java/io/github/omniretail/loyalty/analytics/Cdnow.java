package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Objects;

/** Loads the CDNOW sample from test resources (see {@code cdnow/README.md}). */
final class Cdnow {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    static final Currency USD = Currency.getInstance("USD");

    private Cdnow() {
    }

    static PurchaseHistory history() {
        PurchaseHistory history = PurchaseHistory.create(USD, ZoneOffset.UTC);
        DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                Cdnow.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length < 5) {
                    continue;
                }
                history.add(MemberId.of(cols[0]), LocalDate.parse(cols[2], basic),
                        Money.parse(new java.math.BigDecimal(cols[4]).setScale(2).toPlainString(), USD));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return history;
    }

    static ModelData calibration() {
        return history().summarize(SummaryDefinition.asOf(CALIBRATION_END)).modelData();
    }
}
