package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Currency;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Price rules and promotions read from one JSON document (format in {@code docs/pricing.md}). Every problem is an
 * {@link InvalidJsonException} naming its JSON path, e.g. {@code $.promotions.items[3].offer.tiers}; nothing is
 * built unless everything is valid. Amounts are JSON strings in the document's currency ({@code "12.80"}),
 * percentages are integer basis points ({@code 500} = 5 %).
 *
 * @param rules the price rules; non-null
 * @param promotions the promotions (empty when the document has none); non-null
 * @param rawPromotions the promotions as listed, for the {@link RuleSetChecker} (which reports duplicate priorities
 *     instead of refusing them); non-null
 */
public record PricingConfig(PricingRules rules, PromotionSet promotions, List<Promotion> rawPromotions) {

    /**
     * Validates.
     *
     * @param rules price rules
     * @param promotions promotion set
     * @param rawPromotions promotions as listed
     */
    public PricingConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(promotions, "promotions");
        rawPromotions = List.copyOf(rawPromotions);
    }

    /**
     * Reads a document.
     *
     * @param json non-null
     * @return the rules and promotions
     * @throws InvalidJsonException naming the path of the first problem (including duplicate promotion priorities)
     */
    public static PricingConfig fromJson(String json) throws InvalidJsonException {
        return JsonTree.read(json, PricingConfig::read);
    }

    private static PricingConfig read(JsonTree root) {
        root.object("version", "currency", "rounding", "ending", "skus", "scenes", "tiers", "newCustomer",
                "schedules", "shelfLife", "stockCover", "channelConsistency", "promotions");
        String version = root.field("version").text();
        JsonTree currencyNode = root.field("currency");
        Currency currency = currencyNode.build(() -> Currency.getInstance(currencyNode.text()));
        PricingRules.Builder b = root.build(() -> PricingRules.builder(version, currency));
        root.optionalField("rounding").ifPresent(r -> b.rounding(r.build(() -> RoundingMode.valueOf(r.text()))));
        root.optionalField("ending").ifPresent(e -> b.ending(e.build(() -> PriceEnding.valueOf(e.text()))));
        for (JsonTree sku : root.field("skus").elements()) {
            sku.object("sku", "price", "categories", "channelPrices", "guardrail");
            Sku id = sku.field("sku").build(() -> Sku.of(sku.field("sku").text()));
            List<String> categories = new ArrayList<>();
            sku.optionalField("categories").ifPresent(c -> c.elements().forEach(e -> categories.add(e.text())));
            Money price = money(sku.field("price"), currency);
            sku.build(() -> b.sku(id, price, categories.toArray(String[]::new)));
            sku.optionalField("channelPrices").ifPresent(cp -> {
                for (String channel : cp.names()) {
                    JsonTree p = cp.get(channel);
                    p.build(() -> b.channelPrice(id, ChannelId.of(channel), money(p, currency)));
                }
            });
            sku.optionalField("guardrail").ifPresent(g -> b.guardrail(id, guardrail(g, currency)));
        }
        root.optionalField("scenes").ifPresent(s -> {
            for (String node : s.names()) {
                JsonTree v = s.get(node);
                v.build(() -> b.scene(NodeId.of(node), BasisPoints.of(v.intValue())));
            }
        });
        root.optionalField("tiers").ifPresent(t -> {
            for (String tier : t.names()) {
                JsonTree v = t.get(tier).object("discount", "prices");
                v.optionalField("discount").ifPresent(d -> d.build(() -> b.tierDiscount(tier, BasisPoints.of(d.intValue()))));
                v.optionalField("prices").ifPresent(p -> {
                    for (String sku : p.names()) {
                        JsonTree price = p.get(sku);
                        price.build(() -> b.tierPrice(tier, Sku.of(sku), money(price, currency)));
                    }
                });
            }
        });
        root.optionalField("newCustomer").ifPresent(n -> {
            n.object("discount", "prices");
            n.optionalField("discount").ifPresent(d -> d.build(() -> b.newCustomerDiscount(BasisPoints.of(d.intValue()))));
            n.optionalField("prices").ifPresent(p -> {
                for (String sku : p.names()) {
                    JsonTree price = p.get(sku);
                    price.build(() -> b.newCustomerPrice(Sku.of(sku), money(price, currency)));
                }
            });
        });
        root.optionalField("schedules").ifPresent(list -> {
            for (JsonTree s : list.elements()) {
                s.object("id", "categories", "skus", "from", "to", "discount");
                Set<String> categories = strings(s.optionalField("categories"));
                Set<Sku> skus = new HashSet<>();
                strings(s.optionalField("skus")).forEach(x -> skus.add(Sku.of(x)));
                b.schedule(s.build(() -> new TimeOfDaySchedule(s.field("id").text(), categories, skus,
                        LocalTime.parse(s.field("from").text()), LocalTime.parse(s.field("to").text()),
                        BasisPoints.of(s.field("discount").intValue()))));
            }
        });
        root.optionalField("shelfLife").ifPresent(list -> {
            for (JsonTree s : list.elements()) {
                s.object("id", "categories", "steps");
                Map<Integer, BasisPoints> steps = new TreeMap<>();
                JsonTree stepsNode = s.field("steps");
                for (String days : stepsNode.names()) {
                    JsonTree v = stepsNode.get(days);
                    steps.put(v.build(() -> Integer.parseInt(days)), BasisPoints.of(v.intValue()));
                }
                b.shelfLife(s.build(() -> ShelfLifeMarkdown.of(s.field("id").text(), strings(s.optionalField("categories")),
                        steps)));
            }
        });
        root.optionalField("stockCover").ifPresent(s -> {
            s.object("lowDays", "highDays", "maxPremium", "maxDiscount");
            b.stockCover(s.build(() -> new StockCoverPolicy(s.field("lowDays").doubleValue(), s.field("highDays").doubleValue(),
                    BasisPoints.of(s.field("maxPremium").intValue()), BasisPoints.of(s.field("maxDiscount").intValue()))));
        });
        root.optionalField("channelConsistency").ifPresent(c -> {
            c.object("tolerance", "clamp", "exempt");
            Set<Sku> exempt = new HashSet<>();
            strings(c.optionalField("exempt")).forEach(x -> exempt.add(Sku.of(x)));
            b.channelConsistency(c.build(() -> new ChannelConsistency(BasisPoints.of(c.field("tolerance").intValue()),
                    c.field("clamp").bool(), exempt)));
        });
        PricingRules rules = b.build();
        List<Promotion> promotions = new ArrayList<>();
        String promotionsVersion = "none";
        Optional<JsonTree> promotionsNode = root.optionalField("promotions");
        if (promotionsNode.isPresent()) {
            JsonTree p = promotionsNode.get().object("version", "items");
            promotionsVersion = p.field("version").text();
            for (JsonTree item : p.field("items").elements()) {
                promotions.add(promotion(item, currency));
            }
        }
        String finalVersion = promotionsVersion;
        PromotionSet set = promotionsNode.map(p -> p.field("items").build(() -> PromotionSet.of(finalVersion, currency,
                promotions))).orElse(PromotionSet.empty());
        return new PricingConfig(rules, set, promotions);
    }

    private static Promotion promotion(JsonTree p, Currency currency) {
        p.object("id", "name", "priority", "group", "stackable", "base", "eligibility", "coupon", "budget", "offer");
        String id = p.field("id").text();
        String name = p.optionalField("name").map(JsonTree::text).orElse(id);
        int priority = p.field("priority").intValue();
        Optional<String> group = p.optionalField("group").map(JsonTree::text);
        boolean stackable = p.optionalField("stackable").map(JsonTree::bool).orElse(true);
        DiscountBase base = p.optionalField("base").map(x -> x.build(() -> DiscountBase.valueOf(x.text())))
                .orElse(DiscountBase.DISCOUNTED);
        Eligibility eligibility = p.optionalField("eligibility").map(e -> eligibility(e)).orElse(Eligibility.everyone());
        Optional<Coupon> coupon = p.optionalField("coupon").map(c -> {
            c.object("code", "maxUses", "perMemberLimit", "validFrom", "validUntil");
            return c.build(() -> new Coupon(c.field("code").text(), c.optionalField("maxUses").map(JsonTree::intValue),
                    c.optionalField("perMemberLimit").map(JsonTree::intValue),
                    c.optionalField("validFrom").map(x -> Instant.parse(x.text())),
                    c.optionalField("validUntil").map(x -> Instant.parse(x.text()))));
        });
        Optional<Money> budget = p.optionalField("budget").map(x -> money(x, currency));
        Offer offer = offer(p.field("offer"), currency);
        return p.build(() -> new Promotion(id, name, priority, group, stackable, base, eligibility, coupon, budget,
                offer));
    }

    private static Eligibility eligibility(JsonTree e) {
        e.object("channels", "tiers", "newCustomersOnly", "from", "until", "nodes", "skus", "categories",
                "minimumQuantity", "experiment");
        Set<ChannelId> channels = new HashSet<>();
        strings(e.optionalField("channels")).forEach(c -> channels.add(ChannelId.of(c)));
        Set<NodeId> nodes = new HashSet<>();
        strings(e.optionalField("nodes")).forEach(n -> nodes.add(NodeId.of(n)));
        Set<Sku> skus = new HashSet<>();
        strings(e.optionalField("skus")).forEach(s -> skus.add(Sku.of(s)));
        Optional<Eligibility.ExperimentArm> arm = e.optionalField("experiment").map(x -> {
            x.object("id", "variant");
            return x.build(() -> new Eligibility.ExperimentArm(x.field("id").text(), x.field("variant").text()));
        });
        return e.build(() -> new Eligibility(channels, strings(e.optionalField("tiers")),
                e.optionalField("newCustomersOnly").map(JsonTree::bool).orElse(false),
                e.optionalField("from").map(x -> LocalDateTime.parse(x.text())),
                e.optionalField("until").map(x -> LocalDateTime.parse(x.text())), nodes, skus,
                strings(e.optionalField("categories")), e.optionalField("minimumQuantity").map(JsonTree::intValue).orElse(0),
                arm));
    }

    private static Offer offer(JsonTree o, Currency currency) {
        String type = o.field("type").text();
        switch (type) {
            case "threshold" -> {
                o.object("type", "tiers", "perEvery");
                List<Offer.Threshold.Tier> tiers = new ArrayList<>();
                JsonTree list = o.optionalField("tiers").orElseThrow(() -> o.get("tiers")
                        .fail("a threshold promotion needs at least one threshold ('tiers' is missing)"));
                for (JsonTree t : list.elements()) {
                    t.object("spend", "off");
                    tiers.add(t.build(() -> new Offer.Threshold.Tier(money(t.field("spend"), currency),
                            money(t.field("off"), currency))));
                }
                return list.build(() -> new Offer.Threshold(tiers, o.optionalField("perEvery").map(JsonTree::bool)
                        .orElse(false)));
            }
            case "percentOff" -> {
                o.object("type", "discount");
                return o.build(() -> new Offer.PercentOff(BasisPoints.of(o.field("discount").intValue())));
            }
            case "amountOff" -> {
                o.object("type", "perUnit");
                return o.build(() -> new Offer.AmountOff(money(o.field("perUnit"), currency)));
            }
            case "buyXGetY" -> {
                o.object("type", "buy", "get", "discount");
                return o.build(() -> new Offer.BuyXGetY(o.field("buy").intValue(), o.field("get").intValue(),
                        BasisPoints.of(o.field("discount").intValue())));
            }
            case "bundle" -> {
                o.object("type", "items", "price");
                Map<Sku, Integer> items = new LinkedHashMap<>();
                JsonTree itemsNode = o.field("items");
                for (String sku : itemsNode.names()) {
                    items.put(Sku.of(sku), itemsNode.get(sku).intValue());
                }
                return o.build(() -> new Offer.Bundle(items, money(o.field("price"), currency)));
            }
            case "orderPercentOff" -> {
                o.object("type", "discount");
                return o.build(() -> new Offer.OrderPercentOff(BasisPoints.of(o.field("discount").intValue())));
            }
            case "freeShipping" -> {
                o.object("type", "minimumSpend");
                return new Offer.FreeShipping(o.optionalField("minimumSpend").map(x -> money(x, currency)));
            }
            case "deposit" -> {
                o.object("type", "deposit", "worth", "balanceDueBy");
                return o.build(() -> new Offer.Deposit(money(o.field("deposit"), currency),
                        money(o.field("worth"), currency), o.field("balanceDueBy").instant()));
            }
            default -> throw o.get("type").fail("unknown offer type '" + type + "'; expected one of [threshold, "
                    + "percentOff, amountOff, buyXGetY, bundle, orderPercentOff, freeShipping, deposit]");
        }
    }

    private static Guardrail guardrail(JsonTree g, Currency currency) {
        g.object("cost", "minimumMargin", "floor", "ceiling", "maxChange", "period", "minimumAdvertised");
        return g.build(() -> new Guardrail(g.optionalField("cost").map(x -> money(x, currency)),
                BasisPoints.of(g.optionalField("minimumMargin").map(JsonTree::intValue).orElse(0)),
                g.optionalField("floor").map(x -> money(x, currency)), g.optionalField("ceiling").map(x -> money(x, currency)),
                g.optionalField("maxChange").map(x -> BasisPoints.of(x.intValue())),
                g.optionalField("period").map(x -> Duration.parse(x.text())).orElse(Duration.ofDays(1)),
                g.optionalField("minimumAdvertised").map(x -> money(x, currency))));
    }

    private static Money money(JsonTree node, Currency currency) {
        String text = node.text();
        return node.build(() -> Money.parse(text, currency));
    }

    private static Set<String> strings(Optional<JsonTree> node) {
        Set<String> out = new HashSet<>();
        node.ifPresent(n -> n.elements().forEach(e -> out.add(e.text())));
        return out;
    }

}
