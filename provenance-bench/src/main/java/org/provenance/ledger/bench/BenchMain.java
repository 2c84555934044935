package org.provenance.ledger.bench;

import org.provenance.ledger.bench.stock.StockLedgerApplication;

import java.util.Arrays;

/**
 * The bench jar's entry point: {@code stock-ledger ...} starts the stock Axon comparator (a
 * subprocess the benchmark launches itself); {@code nodes ...} measures several ledger nodes on one
 * database ({@link NodesBench}); anything else runs the benchmark.
 */
public final class BenchMain {

    public static final String STOCK = "stock-ledger";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && NodesBench.COMMAND.equals(args[0])) {
            System.exit(NodesBench.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && STOCK.equals(args[0])) {
            StockLedgerApplication.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(Bench.run(args));
    }
}
