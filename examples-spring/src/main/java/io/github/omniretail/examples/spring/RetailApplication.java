package io.github.omniretail.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo retailer as a Spring Boot application: the same HTTP API as {@code omniretail serve}, on engines the
 * starter builds ({@code omniretail.*} in {@code application.properties}). Run its {@link #main} with the module's
 * class path (docs/spring-boot.md shows the command); try {@code curl localhost:8080/health} and
 * {@code curl localhost:8080/actuator/health}.
 */
@SpringBootApplication
public class RetailApplication {

    /**
     * @param args Spring Boot arguments ({@code --server.port=0}, {@code --retail.seed=7}, …)
     */
    public static void main(String[] args) {
        SpringApplication.run(RetailApplication.class, args);
    }
}
