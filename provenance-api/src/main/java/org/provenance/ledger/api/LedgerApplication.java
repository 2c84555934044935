package org.provenance.ledger.api;

import org.provenance.ledger.audit.chain.VerifyExportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

@SpringBootApplication(scanBasePackages = {"org.provenance.ledger.api", "org.provenance.ledger.projections",
                                           "org.provenance.ledger.audit.server"})
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        // The auditor's offline check runs without Spring: no database, no configuration, no port.
        if (args.length > 0 && VerifyExportCommand.NAME.equals(args[0])) {
            System.exit(VerifyExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
