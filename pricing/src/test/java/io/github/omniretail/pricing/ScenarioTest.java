package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The seeds' pricing cases as data: each file under {@code src/test/resources/scenarios} holds a JSON configuration
 * (the format {@link PricingConfig#fromJson} reads), optional member tiers, and carts with contexts and the expected
 * totals, unit prices, line discounts, applied promotions and rejection reasons.
 */
class ScenarioTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant DEFAULT_AT = Instant.parse("2026-11-22T04:00:00Z");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(7, files.size(), "scenario files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode scenario = MAPPER.readTree(file.toFile());
            int n = 0;
            for (JsonNode c : scenario.get("cases")) {
                int index = n++;
                tests.add(DynamicTest.dynamicTest(file.getFileName() + " #" + index + ": "
                        + scenario.get("name").asText(), () -> run(scenario, c)));
            }
        }
        return tests.stream();
    }

    private static void run(JsonNode scenario, JsonNode c) {
        PricingConfig config;
        try {
            config = PricingConfig.fromJson(scenario.get("config").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<MemberId, String> tiers = new HashMap<>();
        scenario.path("tiers").properties().forEach(e -> tiers.put(MemberId.of(e.getKey()), e.getValue().asText()));
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(DEFAULT_AT)).rules(config.rules())
                .promotions(config.promotions()).tierLookup(m -> Optional.ofNullable(tiers.get(m))).build();
        JsonNode ctx = c.path("context");
        PricingContext context = new PricingContext(Channel.of(ctx.path("channel").asText("app"),
                ChannelKind.valueOf(ctx.path("kind").asText("APP"))),
                ctx.has("node") ? Optional.of(NodeId.of(ctx.get("node").asText())) : Optional.empty(),
                ZoneId.of(ctx.path("zone").asText("Asia/Shanghai")),
                ctx.has("at") ? Instant.parse(ctx.get("at").asText()) : DEFAULT_AT,
                ctx.has("member") ? Optional.of(MemberId.of(ctx.get("member").asText())) : Optional.empty(),
                ctx.path("newCustomer").asBoolean(false));
        JsonNode cartNode = c.get("cart");
        List<Cart.Line> lines = new ArrayList<>();
        for (JsonNode line : cartNode.get("lines")) {
            lines.add(new Cart.Line(Sku.of(line.get("sku").asText()), line.get("quantity").asInt()));
        }
        Set<String> coupons = new HashSet<>();
        cartNode.path("coupons").forEach(x -> coupons.add(x.asText()));
        Money shipping = Money.parse(cartNode.path("shipping").asText("0.00"), config.rules().currency());
        CartQuote quote = engine.quote(new Cart(lines, shipping, coupons), context,
                StackingMode.valueOf(c.path("mode").asText("PRIORITY")));
        JsonNode expect = c.get("expect");
        assertEquals(expect.get("total").asText(), quote.total().amountString(), quote.toString());
        if (expect.has("applied")) {
            List<String> applied = new ArrayList<>();
            expect.get("applied").forEach(x -> applied.add(x.asText()));
            assertEquals(applied, quote.applied().stream().map(AppliedPromotion::promotionId).toList());
        }
        expect.path("rejected").properties().forEach(e -> assertEquals(e.getValue().asText(),
                quote.rejected().stream().filter(r -> r.promotionId().equals(e.getKey())).findFirst().orElseThrow()
                        .reason()));
        expect.path("unitPrices").properties().forEach(e -> assertEquals(e.getValue().asText(),
                line(quote, e.getKey()).item().price().amountString()));
        expect.path("lineDiscounts").properties().forEach(e -> assertEquals(e.getValue().asText(),
                line(quote, e.getKey()).discount().amountString()));
    }

    private static LineQuote line(CartQuote quote, String sku) {
        return quote.lines().stream().filter(l -> l.item().sku().value().equals(sku)).findFirst().orElseThrow();
    }
}
