package org.provenance.ledger.api.demo;

import org.provenance.ledger.api.write.LedgerWriter;
import org.provenance.ledger.api.write.WriteKind;
import org.provenance.ledger.bloc.AdmitMember;
import org.provenance.ledger.bloc.CreateBloc;
import org.provenance.ledger.bloc.SetPriceFloor;
import org.provenance.ledger.common.LedgerConflictException;
import org.provenance.ledger.facility.FacilityKind;
import org.provenance.ledger.facility.RegisterFacility;
import org.provenance.ledger.lot.ExtractLot;
import org.provenance.ledger.lot.RegisterLot;
import org.provenance.ledger.lot.TransferLot;
import org.provenance.ledger.lot.UnitPrice;
import org.provenance.ledger.transformation.Stage;
import org.provenance.ledger.transformation.TransformLots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A realistic sample supply chain (fictional facilities, real countries) so a new user sees
 * compositions, flags and lineage right after starting: `--demo` or `ledger.demo=true`.
 * Every write is idempotent with fixed dates, so loading it again changes nothing.
 */
@Component
public class DemoSupplyChain implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSupplyChain.class);

    private final LedgerWriter writer;
    private final Environment environment;
    private final String homeBloc;

    public DemoSupplyChain(LedgerWriter writer, Environment environment, @Value("${ledger.home-bloc}") String homeBloc) {
        this.writer = writer;
        this.environment = environment;
        this.homeBloc = homeBloc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("demo") || environment.getProperty("ledger.demo", Boolean.class, false)) {
            load();
        }
    }

    public void load() {
        log.info("Loading the demo supply chain into bloc {}", homeBloc);
        Instant founded = Instant.parse("2026-01-01T00:00:00Z");
        try {
            write(WriteKind.BLOC, homeBloc, new CreateBloc(homeBloc, "Allied critical minerals bloc (demo)"));
        } catch (LedgerConflictException e) {
            log.info("Demo: bloc {} already exists; its members and floors are kept", homeBloc);
        }
        for (String country : List.of("AU", "US", "CA", "JP", "KR", "EE", "DE", "FR", "GB")) {
            try {
                writer.submit(writer.prepareByContent(WriteKind.ADMISSION, homeBloc + ":" + country, country,
                                                     new AdmitMember(homeBloc, country, founded)));
            } catch (LedgerConflictException e) {
                // The bloc administrator already admitted it: the bloc's own data wins over the demo's.
                log.debug("Demo: {}", e.getMessage());
            }
        }
        floor("REE", "oxide", "60");
        floor("REE", "NdFeB magnet", "110");

        facility("DEMO-MINE-AU", "Yilgarn Rare Earths", FacilityKind.MINE, "AU", null);
        facility("DEMO-MINE-US", "Sierra Ridge Minerals", FacilityKind.MINE, "US", null);
        facility("DEMO-MINE-MM", "Kachin Hills Mining", FacilityKind.MINE, "MM", null);
        facility("DEMO-MINE-CA", "Thor Lake Resources", FacilityKind.MINE, "CA", "CN");
        facility("DEMO-SEP-EE", "Narva Baltic Separation", FacilityKind.PROCESSOR, "EE", null);
        facility("DEMO-SEP-CN", "Northern Steppe Separation", FacilityKind.PROCESSOR, "CN", null);
        facility("DEMO-MAG-JP", "Kansai Magnetics", FacilityKind.PROCESSOR, "JP", null);
        facility("DEMO-TRADER-SG", "Harbour Metals Trading", FacilityKind.TRADER, "SG", null);
        facility("DEMO-BUY-US-1", "Ohio Motion Systems", FacilityKind.BUYER, "US", null);
        facility("DEMO-BUY-US-2", "Texas Defense Drives", FacilityKind.BUYER, "US", null);

        // 1. A clean bloc chain: Australian ore, separated in Estonia, magnets from Japan.
        extract("DEMO-ORE-AU-1", "DEMO-MINE-AU", "1000", "2026-02-02T08:00:00Z");
        transfer("DEMO-T-01", "DEMO-ORE-AU-1", "DEMO-MINE-AU", "DEMO-SEP-EE", null, "2026-02-10T08:00:00Z");
        transform("DEMO-X-01", "DEMO-SEP-EE", Stage.SEPARATION, "2026-02-20T08:00:00Z",
                  List.of(in("DEMO-ORE-AU-1", "1000")), List.of(out("DEMO-OXIDE-1", "oxide", "120")));
        transfer("DEMO-T-02", "DEMO-OXIDE-1", "DEMO-SEP-EE", "DEMO-MAG-JP", price("75"), "2026-03-01T08:00:00Z");
        transform("DEMO-X-02", "DEMO-MAG-JP", Stage.PRODUCTION, "2026-03-15T08:00:00Z",
                  List.of(in("DEMO-OXIDE-1", "120")), List.of(out("DEMO-MAGNET-1", "NdFeB magnet", "110")));
        transfer("DEMO-T-03", "DEMO-MAGNET-1", "DEMO-MAG-JP", "DEMO-BUY-US-1", price("140"), "2026-04-01T08:00:00Z");

        // 2. Myanmar ore blended into an Australian lot: 30% non-bloc origin.
        extract("DEMO-ORE-AU-2", "DEMO-MINE-AU", "700", "2026-02-03T08:00:00Z");
        extract("DEMO-ORE-MM-1", "DEMO-MINE-MM", "300", "2026-02-03T09:00:00Z");
        transfer("DEMO-T-04", "DEMO-ORE-AU-2", "DEMO-MINE-AU", "DEMO-SEP-EE", null, "2026-02-11T08:00:00Z");
        transfer("DEMO-T-05", "DEMO-ORE-MM-1", "DEMO-MINE-MM", "DEMO-SEP-EE", null, "2026-02-12T08:00:00Z");
        transform("DEMO-X-03", "DEMO-SEP-EE", Stage.SEPARATION, "2026-02-21T08:00:00Z",
                  List.of(in("DEMO-ORE-AU-2", "700"), in("DEMO-ORE-MM-1", "300")),
                  List.of(out("DEMO-OXIDE-2", "oxide", "120")));
        transfer("DEMO-T-06", "DEMO-OXIDE-2", "DEMO-SEP-EE", "DEMO-BUY-US-1", price("66"), "2026-03-02T08:00:00Z");

        // 3. US ore separated in China, magnets made in Japan: passes DFARS until 2027-01-01 only.
        extract("DEMO-ORE-US-1", "DEMO-MINE-US", "800", "2026-02-04T08:00:00Z");
        transfer("DEMO-T-07", "DEMO-ORE-US-1", "DEMO-MINE-US", "DEMO-SEP-CN", null, "2026-02-14T08:00:00Z");
        transform("DEMO-X-04", "DEMO-SEP-CN", Stage.SEPARATION, "2026-02-24T08:00:00Z",
                  List.of(in("DEMO-ORE-US-1", "800")), List.of(out("DEMO-OXIDE-3", "oxide", "96")));
        transfer("DEMO-T-08", "DEMO-OXIDE-3", "DEMO-SEP-CN", "DEMO-MAG-JP", price("41"), "2026-03-05T08:00:00Z");
        transform("DEMO-X-05", "DEMO-MAG-JP", Stage.PRODUCTION, "2026-03-16T08:00:00Z",
                  List.of(in("DEMO-OXIDE-3", "96")), List.of(out("DEMO-MAGNET-2", "NdFeB magnet", "90")));
        transfer("DEMO-T-09", "DEMO-MAGNET-2", "DEMO-MAG-JP", "DEMO-BUY-US-2", price("95"), "2026-04-02T08:00:00Z");

        // 4. Canadian ore from a Chinese-controlled mine, sold under the floor.
        extract("DEMO-ORE-CA-1", "DEMO-MINE-CA", "400", "2026-02-05T08:00:00Z");
        transfer("DEMO-T-10", "DEMO-ORE-CA-1", "DEMO-MINE-CA", "DEMO-SEP-EE", null, "2026-02-15T08:00:00Z");
        transform("DEMO-X-06", "DEMO-SEP-EE", Stage.SEPARATION, "2026-02-25T08:00:00Z",
                  List.of(in("DEMO-ORE-CA-1", "400")), List.of(out("DEMO-OXIDE-4", "oxide", "60")));
        transfer("DEMO-T-11", "DEMO-OXIDE-4", "DEMO-SEP-EE", "DEMO-BUY-US-2", price("48"), "2026-03-06T08:00:00Z");

        // 5. Oxide of no declared origin bought through a trader, blended with more output than input.
        write(WriteKind.REGISTRATION, "DEMO-OXIDE-SG-1", "DEMO-OXIDE-SG-1",
              new RegisterLot("DEMO-OXIDE-SG-1", "DEMO-TRADER-SG", "REE", "oxide", new BigDecimal("50"), null,
                              Instant.parse("2026-02-06T08:00:00Z")));
        transfer("DEMO-T-12", "DEMO-OXIDE-SG-1", "DEMO-TRADER-SG", "DEMO-SEP-EE", price("30"), "2026-02-16T08:00:00Z");
        extract("DEMO-ORE-AU-3", "DEMO-MINE-AU", "500", "2026-02-06T09:00:00Z");
        transfer("DEMO-T-13", "DEMO-ORE-AU-3", "DEMO-MINE-AU", "DEMO-SEP-EE", null, "2026-02-16T09:00:00Z");
        transform("DEMO-X-07", "DEMO-SEP-EE", Stage.BLENDING, "2026-02-26T08:00:00Z",
                  List.of(in("DEMO-OXIDE-SG-1", "50"), in("DEMO-ORE-AU-3", "500")),
                  List.of(out("DEMO-BLEND-1", "oxide", "600")));
        transfer("DEMO-T-14", "DEMO-BLEND-1", "DEMO-SEP-EE", "DEMO-BUY-US-1", price("61"), "2026-03-07T08:00:00Z");
        log.info("Demo supply chain loaded: try GET /api/lots/DEMO-MAGNET-2, /api/lots/DEMO-OXIDE-2/lineage, /api/flags");
    }

    private void floor(String mineral, String form, String usdPerKg) {
        writer.submit(writer.prepareByContent(WriteKind.PRICE_FLOOR, homeBloc + ":" + mineral + ":" + form, usdPerKg,
                                              new SetPriceFloor(homeBloc, mineral, form, "USD",
                                                                new BigDecimal(usdPerKg),
                                                                Instant.parse("2026-01-01T00:00:00Z"))));
    }

    private void facility(String id, String name, FacilityKind kind, String country, String owner) {
        write(WriteKind.FACILITY, id, new RegisterFacility(id, name, kind, country, owner));
    }

    private void extract(String lotId, String mineId, String kg, String at) {
        write(WriteKind.EXTRACTION, lotId, new ExtractLot(lotId, mineId, "REE", "ore", new BigDecimal(kg), Instant.parse(at)));
    }

    private void transfer(String id, String lotId, String from, String to, UnitPrice price, String at) {
        write(WriteKind.TRANSFER, id, new TransferLot(id, lotId, from, to, price, Instant.parse(at)));
    }

    private void transform(String id, String facilityId, Stage stage, String at, List<TransformLots.Input> inputs,
                           List<TransformLots.Output> outputs) {
        write(WriteKind.TRANSFORMATION, id, new TransformLots(id, facilityId, stage, inputs, outputs, Instant.parse(at)));
    }

    private static TransformLots.Input in(String lotId, String kg) {
        return new TransformLots.Input(lotId, new BigDecimal(kg));
    }

    private static TransformLots.Output out(String lotId, String form, String kg) {
        return new TransformLots.Output(lotId, "REE", form, new BigDecimal(kg));
    }

    private static UnitPrice price(String usdPerKg) {
        return new UnitPrice(new BigDecimal(usdPerKg), "USD");
    }

    /** The command itself is the body: the demo's requests are defined by their content. */
    private void write(WriteKind kind, String id, Object command) {
        write(kind, id, command, command);
    }

    private void write(WriteKind kind, String id, Object body, Object command) {
        writer.submit(writer.prepare(kind, id, body, command));
    }
}
