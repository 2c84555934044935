package org.provenance.ledger.projections.facility;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.facility.ExternalId;
import org.provenance.ledger.facility.FacilityRegistered;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionBuffer.Statement;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class FacilityProjection {

    private static final Statement INSERT = Statement.insert("""
            insert into facility_view (facility_id, name, kind, country, owner_country, external_id_scheme,
                                       external_id_value)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (facility_id) do nothing""");

    /** A location registered twice keeps its first facility: the first registration named it. */
    private static final Statement INSERT_LOCATION = Statement.insert("""
            insert into facility_location (location, facility_id) values (?, ?) on conflict (location) do nothing""");

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;

    public FacilityProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
    }

    @EventHandler
    void on(FacilityRegistered event) {
        buffer.add(INSERT, event.facilityId(), event.name(), event.kind().name(), event.country(),
                   event.ownerCountry(),
                   event.externalId() == null ? null : event.externalId().scheme(),
                   event.externalId() == null ? null : event.externalId().value());
        if (event.locations() != null) {
            for (String location : event.locations()) {
                buffer.add(INSERT_LOCATION, location, event.facilityId());
            }
        }
    }

    /** The facility an EPCIS location or party (URN form) names, if any (SPEC 11). */
    public Optional<String> facilityAt(String location) {
        return jdbc.sql("select facility_id from facility_location where location = ?").param(location)
                   .query(String.class).optional();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from facility_view").update();
        jdbc.sql("delete from facility_location").update();
    }

    public Optional<FacilityView> find(String facilityId) {
        return jdbc.sql("""
                        select facility_id, name, kind, country, owner_country, external_id_scheme, external_id_value
                        from facility_view where facility_id = ?""")
                   .param(StoredText.encode(facilityId))
                   .query((rs, n) -> new FacilityView(StoredText.decode(rs.getString(1)),
                                                      StoredText.decode(rs.getString(2)),
                                                      StoredText.decode(rs.getString(3)),
                                                      StoredText.decode(rs.getString(4)),
                                                      StoredText.decode(rs.getString(5)),
                                                      rs.getString(6) == null ? null
                                                              : new ExternalId(StoredText.decode(rs.getString(6)),
                                                                               StoredText.decode(rs.getString(7)))))
                   .optional();
    }
}
