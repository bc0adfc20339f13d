package io.github.omniretail.kafka;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import java.time.Clock;

/**
 * An instance of a user's service in a process of its own, for the fault test to kill: it owns whatever inventory
 * and ledger partitions the owners' groups give it, and does nothing else. Arguments: bootstrap servers, application.
 */
public final class OwnerProcess {
    private OwnerProcess() {
    }

    public static void main(String[] args) throws Exception {
        KafkaInventory inventory = KafkaInventory.builder().bootstrapServers(args[0]).application(args[1]).build();
        KafkaLedger ledger = KafkaLedger.builder().bootstrapServers(args[0]).application(args[1]).build();
        InventoryEngine.builder().clock(Clock.systemUTC()).autoRegister(true).store(inventory.store()).build();
        PointsLedger.builder().clock(Clock.systemUTC()).store(ledger.store()).build();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
