package org.provenance.ledger.bench.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/**
 * The benchmark's comparator: the ledger's own domain (provenance-core's aggregates and command
 * handlers) and read models (provenance-projections) on Axon as a typical team ships it. Axon's JPA
 * storage engine and JPA token store, tables created by Hibernate, tracking processors with Axon's
 * default batch size of 1, plain controllers for the write endpoints (no request registry, no
 * read-your-writes barrier, no security). Jackson serializer and no Axon Server, as in the product,
 * so the comparison is about the storage engine and event processing, not the serializer.
 *
 * <p>Not a product: started by the benchmark as {@code java -jar provenance-bench.jar stock-ledger
 * --server.port=... --spring.datasource.url=...} against a fresh database.
 */
@SpringBootApplication(scanBasePackages = {"org.provenance.ledger.bench.stock", "org.provenance.ledger.projections"})
public class StockLedgerApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(StockLedgerApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "stock-ledger"));
        app.run(args);
    }
}
