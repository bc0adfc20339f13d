package io.github.omniretail.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.analytics.KpiEvent.Line;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every KPI on a small case computed by hand (the arithmetic is in the comments). */
class KpiTrackerTest {
    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku A = Sku.of("A");
    static final Sku B = Sku.of("B");
    static final NodeId S1 = NodeId.of("S1");
    static final NodeId S2 = NodeId.of("S2");
    static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");

    static Money cny(String amount) {
        return Money.of(new BigDecimal(amount), CNY);
    }

    static Instant t(String s) {
        return Instant.parse(s);
    }

    static List<KpiEvent> events() {
        return List.of(
                new KpiEvent.QuoteIssued(t("2026-01-01T09:00:00Z"), "Q1", ChannelKind.APP),
                new KpiEvent.QuoteIssued(t("2026-01-01T09:05:00Z"), "Q2", ChannelKind.APP),
                new KpiEvent.StockLevel(t("2026-01-01T00:00:00Z"), A, S1, 10, 10),
                new KpiEvent.StockReceived(t("2026-01-01T00:00:00Z"), A, S1, 10),
                new KpiEvent.OrderPlaced(t("2026-01-01T10:00:00Z"), OrderId.of("O1"), Optional.of(MemberId.of("M1")),
                        ChannelKind.APP, S1, List.of(new Line(A, 2, cny("20.00"), Optional.of(cny("12.00")))),
                        Optional.of("Q1"), Optional.of(t("2026-01-01T18:00:00Z"))),
                new KpiEvent.StockLevel(t("2026-01-01T10:30:00Z"), A, S1, 8, 0),
                new KpiEvent.OrderRejected(t("2026-01-01T10:45:00Z"), ChannelKind.APP, S1, Optional.of(A),
                        "insufficient_stock"),
                new KpiEvent.OrderPlaced(t("2026-01-01T11:00:00Z"), OrderId.of("O2"), Optional.empty(),
                        ChannelKind.MARKETPLACE, S2, List.of(new Line(B, 1, cny("50.00"), Optional.empty())),
                        Optional.empty(), Optional.empty()),
                new KpiEvent.OrderFulfilled(t("2026-01-01T12:30:00Z"), OrderId.of("O1")),
                new KpiEvent.StockLevel(t("2026-01-01T13:15:00Z"), A, S1, 8, 5),
                new KpiEvent.OrderRejected(t("2026-01-01T14:00:00Z"), ChannelKind.MARKETPLACE, S2, Optional.empty(),
                        "no_route"),
                new KpiEvent.OrderFulfilled(t("2026-01-02T11:00:00Z"), OrderId.of("O2")),
                new KpiEvent.OrderReturned(t("2026-01-02T09:00:00Z"), OrderId.of("O1"), "R1", A, 1, cny("10.00"),
                        Optional.of(cny("6.00"))),
                new KpiEvent.OrderPlaced(t("2026-01-15T10:00:00Z"), OrderId.of("O3"), Optional.of(MemberId.of("M1")),
                        ChannelKind.APP, S1, List.of(new Line(A, 1, cny("10.00"), Optional.of(cny("6.00")))),
                        Optional.empty(), Optional.of(t("2026-01-15T20:00:00Z"))),
                new KpiEvent.OrderPlaced(t("2026-02-20T10:00:00Z"), OrderId.of("O4"), Optional.of(MemberId.of("M2")),
                        ChannelKind.STORE_POS, S1, List.of(new Line(B, 2, cny("100.00"), Optional.of(cny("70.00")))),
                        Optional.empty(), Optional.empty()),
                new KpiEvent.LotExpired(t("2026-03-01T22:00:00Z"), A, S1, "L1", 2, cny("12.00")),
                new KpiEvent.LotExpired(t("2026-03-01T22:00:00Z"), A, S1, "L1", 2, cny("12.00")));
    }

    static KpiTracker tracker() {
        return KpiTracker.builder().currency(CNY).zone(ZoneOffset.UTC).build();
    }

    @Test
    void everyKpiMatchesTheHandComputation() {
        KpiTracker tracker = tracker();
        tracker.acceptAll(events());
        assertEquals(16, tracker.events(), "the duplicate expired lot is counted once");
        check(tracker.kpis(AS_OF));
    }

    @Test
    void aCsvExportReadBackGivesTheSameKpis(@TempDir Path dir) {
        KpiCsv.write(events(), dir);
        KpiTracker batch = tracker();
        batch.acceptAll(KpiCsv.read(dir, CNY));
        check(batch.kpis(AS_OF));
        KpiTracker live = tracker();
        live.acceptAll(events());
        assertEquals(live.kpis(AS_OF), batch.kpis(AS_OF));
    }

    static void check(Kpis k) {
        // Orders 20 + 50 + 10 + 100 = 180.00 gross; one refund of 10.00.
        assertEquals(4, k.total().orders());
        assertEquals(cny("180.00"), k.total().revenue());
        assertEquals(cny("170.00"), k.total().netRevenue());
        assertEquals(Optional.of(cny("45.00")), k.total().aov());
        // Costed: 20 + 10 + 100 − 10 = 120.00; cost 12 + 6 + 70 − 6 = 82.00; margin 38 / 120 = 31.67 %.
        assertEquals(Optional.of(BasisPoints.of(3167)), k.total().grossMargin());
        assertEquals(2, k.byChannel().get(ChannelKind.APP).orders());
        assertEquals(cny("20.00"), k.byChannel().get(ChannelKind.APP).netRevenue());
        assertEquals(Optional.of(cny("15.00")), k.byChannel().get(ChannelKind.APP).aov());
        assertEquals(cny("50.00"), k.byChannel().get(ChannelKind.MARKETPLACE).revenue());
        assertEquals(3, k.byStore().get(S1).orders());
        assertEquals(Optional.of(cny("43.33")), k.byStore().get(S1).aov(), "130.00 / 3 rounded half-even");
        assertEquals(2, k.byDay().get(LocalDate.parse("2026-01-01")).orders());
        assertEquals(1000, k.byDay().get(LocalDate.parse("2026-01-02")).refunds(), "refunds on the return's day");
        // Own channels: APP and STORE_POS = 3 of 4 orders, 130 of 180 revenue.
        assertEquals(Optional.of(BasisPoints.of(7500)), k.ownChannelOrderShare());
        assertEquals(Optional.of(BasisPoints.of(7222)), k.ownChannelRevenueShare());
        // Members: M1 (O1 first, O3 returning), M2 (O4 first), one guest order.
        assertEquals(2, k.members().members());
        assertEquals(2, k.members().newMemberOrders());
        assertEquals(1, k.members().returningMemberOrders());
        assertEquals(1, k.members().guestOrders());
        assertEquals(new Kpis.Buyers(1, 0, 1), k.members().byDay().get(LocalDate.parse("2026-01-01")));
        assertEquals(new Kpis.Buyers(0, 1, 0), k.members().byDay().get(LocalDate.parse("2026-01-15")));
        assertEquals(new Kpis.Buyers(1, 0, 0), k.members().byDay().get(LocalDate.parse("2026-02-20")));
        // The 90-day window (Jan 1 00:00, Apr 1]: M1 twice, M2 once.
        assertEquals(Optional.of(BasisPoints.of(5000)), k.members().repurchaseRate());
        // Retention: M1 (Jan) back within 30 and 60 days, 90 not matured; M2 (Feb 20) matured at 30 only, not back.
        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2)),
                k.cohorts().stream().map(Kpis.Cohort::month).toList());
        assertEquals(new Kpis.Retention(30, 1, 1), k.cohorts().get(0).at(30));
        assertEquals(new Kpis.Retention(90, 0, 0), k.cohorts().get(0).at(90));
        assertEquals(new Kpis.Retention(30, 1, 0), k.cohorts().get(1).at(30));
        assertEquals(Optional.of(BasisPoints.of(5000)), k.retention(30).rate());
        assertEquals(Optional.of(BasisPoints.of(10000)), k.retention(60).rate());
        assertEquals(Optional.empty(), k.retention(90).rate());
        // Quotes: Q1 converted, Q2 not.
        assertEquals(new Kpis.Conversion(2, 1), k.conversion().get(ChannelKind.APP));
        // Sell-through of A: (2 + 1 − 1) / 10 received.
        assertEquals(Optional.of(BasisPoints.of(2000)), k.sellThrough().get(A).rate());
        assertEquals(Optional.empty(), k.sellThrough().get(B).rate());
        // Stock-out: A at S1 had ATP 0 from 10:30 to 13:15 on Jan 1 = hours 10, 11, 12, 13; demanded from 10:00
        // (O1) to Apr 1: 14 + 89 × 24 = 2,150 hours; 4 / 2,150 = 0.19 %.
        assertEquals(new Kpis.StockOut(4, 2150), k.stockOuts().get(new Kpis.Position(A, S1)));
        assertEquals(Optional.of(BasisPoints.of(19)), k.stockOutTotal().rate());
        // Turnover: 10 units × 10.5 h + 8 units × (89 days 13.5 h) = 62,283,600 unit-seconds; 3 units sold at S1.
        assertEquals(new Kpis.Turnover(62_283_600, 3), k.turnover());
        assertEquals(Optional.of(new BigDecimal("240.3")), k.turnover().days());
        // Fulfilment: 150 and 1,440 minutes; same day: O1 on time, O3 late (never fulfilled, promise passed).
        assertEquals(new Kpis.Fulfilment(2, 795, 150, 1440, 2, 1), k.fulfilment());
        assertEquals(Optional.of(BasisPoints.of(5000)), k.fulfilment().sameDayOnTimeRate());
        // Waste: lot L1 once.
        assertEquals(new Kpis.Waste(2, 1200, CNY), k.wasteBySku().get(A));
        assertEquals(new Kpis.Waste(2, 1200, CNY), k.wasteByStore().get(S1));
        assertEquals(Map.of("insufficient_stock", 1L, "no_route", 1L), k.rejections());
    }

    @Test
    void aReturnBeforeItsOrderIsAttributedWhenTheOrderArrives() {
        KpiTracker early = tracker();
        List<KpiEvent> reversed = new java.util.ArrayList<>(events());
        java.util.Collections.reverse(reversed);
        // Stock levels of one position must stay in time order; move them back to the front in order.
        reversed.removeIf(e -> e instanceof KpiEvent.StockLevel);
        events().stream().filter(e -> e instanceof KpiEvent.StockLevel).forEach(early::accept);
        early.acceptAll(reversed);
        check(early.kpis(AS_OF));
    }

    @Test
    void anAmountInAnotherCurrencyIsRefusedAndChangesNothing() {
        KpiTracker tracker = tracker();
        KpiEvent usd = new KpiEvent.OrderPlaced(AS_OF, OrderId.of("X"), Optional.empty(), ChannelKind.APP, S1,
                List.of(new Line(A, 1, Money.ofMinor(100, "USD"), Optional.empty())), Optional.empty(), Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tracker.accept(usd));
        assertTrue(e.getMessage().contains("USD"), e.getMessage());
        assertEquals(0, tracker.kpis(AS_OF).total().orders());
        assertEquals(0, tracker.events());
    }

    @Test
    void stockLevelsOfAPositionOutOfOrderAreRefused() {
        KpiTracker tracker = tracker();
        tracker.accept(new KpiEvent.StockLevel(t("2026-01-02T00:00:00Z"), A, S1, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> tracker.accept(new KpiEvent.StockLevel(t("2026-01-01T00:00:00Z"), A, S1, 1, 0)));
        assertEquals(1, tracker.events());
    }

    @Test
    void aMalformedCsvNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        KpiCsv.write(events(), dir);
        java.nio.file.Files.writeString(dir.resolve("quotes.csv"), "quote,quoted_at,channel\nQ9,yesterday,APP\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KpiCsv.read(dir, CNY));
        assertEquals("quotes.csv line 2, column quoted_at: expected an ISO-8601 instant such as 2026-11-22T08:00:00Z,"
                + " was 'yesterday'", e.getMessage());
        java.nio.file.Files.writeString(dir.resolve("quotes.csv"), "quote,quoted_at,channel\n");
        java.nio.file.Files.writeString(dir.resolve("receipts.csv"), "at,sku,node,units\n2026-01-01T00:00:00Z,A,S1,-3\n");
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> KpiCsv.read(dir, CNY));
        assertEquals("receipts.csv line 2: received units must be > 0, was -3 for A", units.getMessage());
    }
}
