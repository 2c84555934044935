package org.provenance.ledger.projections.bloc;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.provenance.ledger.bloc.BlocCreated;
import org.provenance.ledger.bloc.MemberAdmitted;
import org.provenance.ledger.bloc.MembershipEnded;
import org.provenance.ledger.bloc.PriceFloorSet;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.provenance.ledger.projections.support.ProjectionBuffer;
import org.provenance.ledger.projections.support.ProjectionCaches;
import org.provenance.ledger.projections.support.ProjectionNames;
import org.provenance.ledger.projections.support.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocs, their membership periods and price floors. Bloc events are rare and their changes do not
 * commute (a membership ended, then the country admitted again), so they are written at once, after
 * the batch's pending rows ({@link ProjectionBuffer#now}).
 * <p>
 * Every lot read asks for the home bloc's calendar: reads get it from {@link #calendar}, a cache
 * that a membership change empties once its batch has committed (a read that loaded the old
 * calendar meanwhile does not keep it: entries carry the generation they were loaded in).
 */
@Component
@ProcessingGroup(ProjectionNames.LEDGER)
public class BlocProjection implements ProjectionCaches {

    private record Cached(long generation, BlocCalendar calendar) {
    }

    private final JdbcClient jdbc;
    private final ProjectionBuffer buffer;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, Cached> calendars = new ConcurrentHashMap<>();

    public BlocProjection(JdbcClient jdbc, ProjectionBuffer buffer) {
        this.jdbc = jdbc;
        this.buffer = buffer;
    }

    @EventHandler
    void on(BlocCreated event) {
        buffer.now("insert into bloc_view (bloc_id, name) values (?, ?) on conflict do nothing", event.blocId(),
                   event.name());
    }

    @EventHandler
    void on(MemberAdmitted event) {
        buffer.now("""
                   insert into bloc_membership (bloc_id, country, effective_from) values (?, ?, ?)
                   on conflict do nothing""", event.blocId(), event.country(), Timestamp.from(event.effectiveFrom()));
        forgetCalendarsOnCommit();
    }

    @EventHandler
    void on(MembershipEnded event) {
        buffer.now("""
                   update bloc_membership set effective_until = ?
                   where bloc_id = ? and country = ? and effective_until is null""",
                   Timestamp.from(event.effectiveFrom()), event.blocId(), event.country());
        forgetCalendarsOnCommit();
    }

    @EventHandler
    void on(PriceFloorSet event) {
        buffer.now("""
                   insert into price_floor (bloc_id, mineral, form, currency, price_per_kg, effective_from)
                   values (?, ?, ?, ?, ?, ?)
                   on conflict (bloc_id, mineral, form, currency, effective_from)
                   do update set price_per_kg = excluded.price_per_kg""",
                   event.blocId(), event.mineral(), event.form(), event.currency(), event.pricePerKg(),
                   Timestamp.from(event.effectiveFrom()));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from bloc_view").update();
        jdbc.sql("delete from bloc_membership").update();
        jdbc.sql("delete from price_floor").update();
        forgetCalendarsOnCommit();
    }

    /** The bloc's calendar as committed, for reads: from the cache unless membership changed since it was loaded. */
    public BlocCalendar calendar(String blocId) {
        long current = generation.get();
        Cached cached = calendars.get(blocId);
        if (cached != null && cached.generation() == current) {
            return cached.calendar();
        }
        BlocCalendar loaded = load(blocId);
        calendars.put(blocId, new Cached(current, loaded));
        return loaded;
    }

    /** For the projection thread: the calendar including the batch's own changes. */
    public BlocCalendar calendarInBatch(String blocId) {
        buffer.flush();
        return load(blocId);
    }

    private void forgetCalendarsOnCommit() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> forgetCalendars());
        } else {
            forgetCalendars();
        }
    }

    /** The calendars reads use; an entry being loaded meanwhile carries the old generation and is not kept. */
    @Override
    public void dropCaches() {
        forgetCalendars();
    }

    private void forgetCalendars() {
        generation.incrementAndGet();
        calendars.clear();
    }

    private BlocCalendar load(String blocId) {
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
        buffer.flush();
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
                           load(blocId).periods().stream()
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
