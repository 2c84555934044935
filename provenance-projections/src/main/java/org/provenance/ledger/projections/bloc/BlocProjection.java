package org.provenance.ledger.projections.bloc;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.bloc.BlocCreated;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.bloc.MembershipEnded;
import org.provenance.ledger.bloc.PriceFloorSet;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class BlocProjection {

    private final JdbcClient jdbc;

    public BlocProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BlocCreated event) {
        jdbc.sql("insert into bloc_view (bloc_id, name) values (?, ?) on conflict do nothing")
            .params(StoredText.params(event.blocId(), event.name())).update();
    }

    @EventHandler
    void on(MemberAdmitted event) {
        jdbc.sql("""
                 insert into bloc_membership (bloc_id, country, effective_from) values (?, ?, ?)
                 on conflict do nothing""")
            .params(StoredText.params(event.blocId(), event.country(), Timestamp.from(event.effectiveFrom()))).update();
    }

    @EventHandler
    void on(MembershipEnded event) {
        jdbc.sql("""
                 update bloc_membership set effective_until = ?
                 where bloc_id = ? and country = ? and effective_until is null""")
            .params(StoredText.params(Timestamp.from(event.effectiveFrom()), event.blocId(), event.country())).update();
    }

    @EventHandler
    void on(PriceFloorSet event) {
        jdbc.sql("""
                 insert into price_floor (bloc_id, mineral, form, currency, price_per_kg, effective_from)
                 values (?, ?, ?, ?, ?, ?)
                 on conflict (bloc_id, mineral, form, currency, effective_from)
                 do update set price_per_kg = excluded.price_per_kg""")
            .params(StoredText.params(event.blocId(), event.mineral(), event.form(), event.currency(),
                                      event.pricePerKg(), Timestamp.from(event.effectiveFrom()))).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from bloc_view").update();
        jdbc.sql("delete from bloc_membership").update();
        jdbc.sql("delete from price_floor").update();
    }

    public BlocCalendar calendar(String blocId) {
        return new BlocCalendar(blocId, jdbc.sql("""
                        select country, effective_from, effective_until from bloc_membership
                        where bloc_id = ? order by country, effective_from""")
                .param(StoredText.encode(blocId))
                .query((rs, n) -> new BlocCalendar.Period(rs.getString(1), rs.getTimestamp(2).toInstant(),
                                                          rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .list());
    }

    /** The floor in force at the instant for this mineral, form and currency, if any. */
    public Optional<BigDecimal> floor(String blocId, String mineral, String form, String currency, Instant at) {
        return jdbc.sql("""
                        select price_per_kg from price_floor
                        where bloc_id = ? and mineral = ? and form = ? and currency = ? and effective_from <= ?
                        order by effective_from desc limit 1""")
                   .params(StoredText.params(blocId, mineral, form, currency, Timestamp.from(at)))
                   .query(BigDecimal.class).optional();
    }

    public Optional<BlocView> find(String blocId) {
        return jdbc.sql("select bloc_id, name from bloc_view where bloc_id = ?").param(StoredText.encode(blocId))
                   .query((rs, n) -> new BlocView(StoredText.decode(rs.getString(1)),
                                                  StoredText.decode(rs.getString(2)),
                           calendar(blocId).periods().stream()
                                           .map(p -> new BlocView.Member(p.country(), p.from(), p.until())).toList(),
                           jdbc.sql("""
                                    select mineral, form, currency, price_per_kg, effective_from from price_floor
                                    where bloc_id = ? order by mineral, form, currency, effective_from""")
                               .param(StoredText.encode(blocId))
                               .query((f, m) -> new BlocView.PriceFloor(f.getString(1), f.getString(2), f.getString(3),
                                                                        f.getBigDecimal(4).stripTrailingZeros(),
                                                                        f.getTimestamp(5).toInstant()))
                               .list()))
                   .optional();
    }
}
