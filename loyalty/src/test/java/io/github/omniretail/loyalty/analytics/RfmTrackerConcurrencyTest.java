package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads record purchases for the same customers: the tracker ends where batch scoring of them all ends. */
class RfmTrackerConcurrencyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate END = LocalDate.of(2026, 11, 22);

    @Test
    void concurrentPurchasesOfTheSameCustomersAreAllCounted() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        List<List<Object[]>> work = new ArrayList<>();
        PurchaseHistory all = PurchaseHistory.create(CNY, ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < threads; t++) {
            List<Object[]> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                MemberId member = MemberId.of("m" + random.nextInt(300));
                LocalDate day = END.minusDays(random.nextInt(400));
                Money amount = Money.ofMinor(random.nextInt(10_000), CNY);
                mine.add(new Object[] {member, day, amount});
                all.add(member, day, amount);
            }
            work.add(mine);
        }
        CustomerBase batch = all.summarize(SummaryDefinition.asOf(END));
        RfmModel model = RfmModel.quantiles(batch, 5);
        RfmTracker tracker = RfmTracker.builder().clock(MutableClock.at(END.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .currency(CNY).model(model).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (List<Object[]> mine : work) {
            done.add(pool.submit(() -> {
                start.await();
                for (Object[] p : mine) {
                    tracker.record((MemberId) p[0], (LocalDate) p[1], (Money) p[2]);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        RfmScores expected = model.scoreAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(expected.score(i), tracker.score(batch.customer(i)).orElseThrow(), batch.customer(i).value());
        }
        assertEquals(model, tracker.refit());
    }
}
