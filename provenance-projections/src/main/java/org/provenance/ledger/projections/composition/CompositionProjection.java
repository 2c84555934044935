package org.provenance.ledger.projections.composition;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.lot.LotExtracted;
import org.provenance.ledger.lot.LotRegistered;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.transformation.TransformationRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes each lot's composition once, when the lot is created, from its inputs' stored
 * compositions: a lot's read cost does not grow with its depth. Facts about facilities are read
 * from facility_view, filled earlier in the same processing group.
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class CompositionProjection {

    private final JdbcClient jdbc;

    public CompositionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LotExtracted event) {
        store(event.lotId(), Provenance.extracted(event.lotId(), facility(event.mineId())));
    }

    @EventHandler
    void on(LotRegistered event) {
        store(event.lotId(), Provenance.registered(event.lotId(), facility(event.custodianId()), event.declaredOrigin()));
    }

    @EventHandler
    void on(TransformationRecorded event) {
        List<String> inputIds = event.inputs().stream().map(TransformationRecorded.Input::lotId).toList();
        Map<String, Provenance> inputs = load(inputIds);
        List<Provenance.Input> weighted = new ArrayList<>();
        for (TransformationRecorded.Input input : event.inputs()) {
            Provenance provenance = inputs.get(input.lotId());
            if (provenance == null) {
                throw new IllegalStateException("no composition for input lot " + input.lotId()
                                                        + " of transformation " + event.transformationId());
            }
            weighted.add(new Provenance.Input(provenance, input.massKg()));
        }
        Provenance output = Provenance.transformed(weighted, event.stage(), facility(event.facilityId()),
                                                   event.producedKg(), event.outputs().get(0).lotId());
        String routes = StoredProvenance.routes(output.composition());
        String contributors = StoredProvenance.contributors(output.contributors());
        for (TransformationRecorded.Output out : event.outputs()) {
            insert(out.lotId(), routes, contributors);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from lot_composition").update();
    }

    public Optional<Provenance> find(String lotId) {
        return jdbc.sql("select routes::text, contributors::text from lot_composition where lot_id = ?")
                   .param(lotId)
                   .query((rs, n) -> StoredProvenance.read(rs.getString(1), rs.getString(2)))
                   .optional();
    }

    private Map<String, Provenance> load(List<String> lotIds) {
        return jdbc.sql("select lot_id, routes::text, contributors::text from lot_composition where lot_id = any(?)")
                   .param(lotIds.toArray(String[]::new))
                   .query((rs, n) -> Map.entry(rs.getString(1), StoredProvenance.read(rs.getString(2), rs.getString(3))))
                   .list().stream()
                   .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Provenance.Facility facility(String facilityId) {
        return jdbc.sql("select facility_id, country, owner_country from facility_view where facility_id = ?")
                   .param(facilityId)
                   .query((rs, n) -> new Provenance.Facility(rs.getString(1), rs.getString(2), rs.getString(3)))
                   .optional()
                   .orElseThrow(() -> new IllegalStateException("facility " + facilityId + " is not projected"));
    }

    private void store(String lotId, Provenance provenance) {
        insert(lotId, StoredProvenance.routes(provenance.composition()),
               StoredProvenance.contributors(provenance.contributors()));
    }

    private void insert(String lotId, String routes, String contributors) {
        jdbc.sql("""
                 insert into lot_composition (lot_id, routes, contributors) values (?, ?::jsonb, ?::jsonb)
                 on conflict (lot_id) do nothing""")
            .params(lotId, routes, contributors)
            .update();
    }
}
