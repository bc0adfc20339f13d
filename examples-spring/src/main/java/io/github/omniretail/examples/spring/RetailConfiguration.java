package io.github.omniretail.examples.spring;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.examples.serve.RetailApi;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.spring.OmniRetailCustomizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo retailer wired through the starter: its configuration ({@link Retailer.Setup}: clock, network, prices,
 * promotions, tiers) becomes the beans and customizer the starter reads, the starter builds the engines, and
 * {@link Retailer#adopt} loads the world into them. Nothing here builds an engine.
 */
@Configuration(proxyBeanMethods = false)
public class RetailConfiguration {

    /**
     * @param seed the world's seed ({@code retail.seed})
     * @param scale the world's size factor in (0, 20] ({@code retail.scale})
     * @return the demo's configuration over a generated world
     */
    @Bean
    Retailer.Setup setup(@Value("${retail.seed:20261122}") long seed, @Value("${retail.scale:1}") double scale) {
        if (!(scale > 0 && scale <= 20)) {
            throw new IllegalArgumentException("retail.scale must be in (0, 20], was " + scale);
        }
        return new Retailer.Setup(RetailWorld.generate(seed, scale));
    }

    /** @param setup the demo's configuration @return its simulation clock, for every engine */
    @Bean
    Clock clock(Retailer.Setup setup) {
        return setup.clock();
    }

    // snippet: spring-beans
    /** @param setup the demo's configuration @return its list, member and live-stream prices */
    @Bean
    PricingRules pricingRules(Retailer.Setup setup) {
        return setup.pricingRules();
    }
    // end-snippet

    /** @param setup the demo's configuration @return its earn rules */
    @Bean
    LoyaltyRules loyaltyRules(Retailer.Setup setup) {
        return setup.loyaltyRules();
    }

    /** @param setup the demo's configuration @return its three tiers */
    @Bean
    TierPolicy tiers(Retailer.Setup setup) {
        return setup.tiers();
    }

    /** @param setup the demo's configuration @return the app's routing policy */
    @Bean
    RoutingPolicy routingPolicy(Retailer.Setup setup) {
        return setup.routingPolicy();
    }

    /**
     * @param setup the demo's configuration
     * @param ledger the starter's ledger, asked lazily (pricing reads members' tiers from it)
     * @return what the starter's builders need beyond beans: the network, promotions, the A/B test, points worth
     */
    // snippet: spring-customizer
    @Bean
    OmniRetailCustomizer demo(Retailer.Setup setup, ObjectProvider<PointsLedger> ledger) {
        return new OmniRetailCustomizer() {
            @Override
            public void routing(RoutingEngine.Builder builder) {
                builder.nodes(setup.nodes());
            }

            @Override
            public void pricing(PricingEngine.Builder builder) {
                builder.tierLookup(setup.tierLookup(ledger::getObject)).promotions(setup.promotions())
                        .experiments(setup.experiments()).experimentRecorder(setup.experimentLog());
            }

            @Override
            public void checkout(Checkout.Builder builder) {
                builder.pointsWorth(100, setup.hundredPointsWorth()).boughtBefore(setup.boughtBefore());
            }
        };
    }
    // end-snippet

    /**
     * @param setup the demo's configuration
     * @param inventory the starter's inventory engine
     * @param routing the starter's routing engine
     * @param pricing the starter's pricing engine
     * @param ledger the starter's points ledger
     * @param checkout the starter's checkout
     * @return the retailer: stock loaded, members enrolled, history earned, the clock at 08:00 on the world's day
     */
    @Bean
    Retailer retailer(Retailer.Setup setup, InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing,
            PointsLedger ledger, Checkout checkout) {
        Instant open = RetailWorld.DAY.atTime(8, 0).atZone(RetailWorld.ZONE).toInstant();
        return Retailer.adopt(setup, new Retailer.Engines(inventory, routing, pricing, ledger, checkout), open);
    }

    /**
     * @param retailer the retailer
     * @param wallClock {@code retail.clock}: {@code running} (the day advances with wall time from 08:00, as the
     *     {@code serve} command does) or {@code stopped} (the clock stays at 08:00, for reproducible answers)
     * @return the API the controller serves
     */
    @Bean
    RetailApi retailApi(Retailer retailer, @Value("${retail.clock:running}") String wallClock) {
        Instant open = retailer.clock().instant();
        long started = System.nanoTime();
        Runnable tick = switch (wallClock) {
            case "running" -> () -> retailer.clock().advanceTo(open.plus(Duration.ofNanos(System.nanoTime() - started)));
            case "stopped" -> () -> { };
            default -> throw new IllegalArgumentException("retail.clock must be running or stopped, was " + wallClock);
        };
        return RetailApi.over(retailer, MemberAnalytics.of(retailer.world(), List.of()), tick);
    }
}
