#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go: top frames, and samples by area of the code.

usage: jfr print --json --stack-depth 300 --events jdk.ExecutionSample ledger.jfr > samples.json
       python3 jfr-hot.py samples.json [--thread NAME] [--frame TEXT] [--after ISO] [--before ISO]

  --thread  only samples of threads whose name contains NAME (e.g. http-nio, EventProcessor)
  --frame   only samples with a frame containing TEXT (e.g. LotController.get, LineageQueries)
  --exclude leave out samples with a frame containing TEXT (e.g. DaoAuthenticationProvider)
  --after, --before  only samples in that time window (ISO-8601 instants, as in bench.json)
"""
import collections
import json
import sys

AREAS = [  # (label, frame prefix); "self": the first area met scanning a stack from its top frame down
    ("BCrypt (HTTP Basic password check)", "org.springframework.security.crypto.bcrypt"),
    ("JSON (Jackson)", "com.fasterxml.jackson"),
    ("JSON (Jackson 3)", "tools.jackson"),
    ("PostgreSQL JDBC driver", "org.postgresql"),
    ("HikariCP", "com.zaxxer.hikari"),
    ("Micrometer (metrics, observations)", "io.micrometer"),
    ("composition (BigDecimal math)", "org.provenance.ledger.composition"),
    ("projections", "org.provenance.ledger.projections"),
    ("ledger API", "org.provenance.ledger.api"),
    ("ledger domain", "org.provenance.ledger"),
    ("Axon", "org.axonframework"),
    ("Spring Security", "org.springframework.security"),
    ("Spring", "org.springframework"),
    ("Tomcat", "org.apache"),
]
# Inclusive markers: share of samples with such a frame anywhere in the stack.
MARKERS = [
    ("HTTP Basic password check (DaoAuthenticationProvider)", "org.springframework.security.authentication.dao.DaoAuthenticationProvider"),
    ("bearer token check (JwtAuthenticationProvider)", "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider"),
    ("Spring MVC (DispatcherServlet, after the filters)", "org.springframework.web.servlet.DispatcherServlet.doDispatch"),
    ("ledger controllers", "org.provenance.ledger.api."),
    ("writes (LedgerWriter.submit)", "org.provenance.ledger.api.write.LedgerWriter.submit"),
    ("JSON request/response (Spring message converters)", "org.springframework.http.converter.json"),
    ("command handling (Axon command bus)", "org.axonframework.commandhandling.SimpleCommandBus"),
    ("aggregate loads (event-sourced repository)", "org.axonframework.eventsourcing.EventSourcingRepository.doLoadWithLock"),
    ("event append (JdbcEventStorageEngine.appendEvents)", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents"),
    ("request registry", "org.provenance.ledger.api.write.RequestRegistry"),
    ("read-your-writes barrier", "org.provenance.ledger.api.read.ProjectionBarrier"),
    ("projection event handlers", "org.provenance.ledger.projections"),
    ("tracking processor fetching events", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchTrackedEvents"),
    ("audit chainer", "org.provenance.ledger.api.audit.AuditChainer"),
    ("Axon serializing/deserializing (JacksonSerializer)", "org.axonframework.serialization.json.JacksonSerializer"),
    ("Axon unit of work commit (events, registry, transaction)", "org.axonframework.messaging.unitofwork.AbstractUnitOfWork.commit"),
    ("Axon handler interceptors/metrics (micrometer)", "org.axonframework.micrometer"),
    ("JSON (Jackson), anywhere", "com.fasterxml.jackson"),
    ("JSON (Jackson 3), anywhere", "tools.jackson"),
    ("group commit (GroupCommit thread)", "org.provenance.ledger.api.write.GroupCommit"),
    ("commit seals (SealingEventStorageEngine)", "org.provenance.ledger.api.seal.SealingEventStorageEngine"),
    ("aggregate cache check (AggregateCache)", "org.provenance.ledger.api.write.AggregateCache"),
    ("PostgreSQL driver, anywhere", "org.postgresql"),
    ("Micrometer, anywhere", "io.micrometer"),
]


def frame_name(f):
    m = f.get("method", {})
    t = m.get("type", {}).get("name", "?").replace("/", ".")
    return t + "." + m.get("name", "?")


def main():
    args = sys.argv[1:]
    data = json.load(open(args[0]))
    opts = dict(zip(args[1::2], args[2::2]))
    thread_filter = opts.get("--thread")
    frame_filter = opts.get("--frame")
    exclude = opts.get("--exclude")
    after = opts.get("--after")
    before = opts.get("--before")
    events = data["recording"]["events"]
    top = collections.Counter()
    areas = collections.Counter()
    markers = collections.Counter()
    threads = collections.Counter()
    n = 0
    for e in events:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        if thread_filter and thread_filter not in thread:
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        when = v.get("startTime", "")
        if (after and when < after) or (before and when > before):
            continue
        if frame_filter and not any(frame_filter in frame_name(f) for f in frames):
            continue
        if exclude and any(exclude in frame_name(f) for f in frames):
            continue
        n += 1
        group = thread.rstrip("0123456789-")
        threads[group] += 1
        top[frame_name(frames[0])] += 1
        names = [frame_name(f) for f in frames]
        area = "JDK only"
        for x in names:
            hit = next((label for label, prefix in AREAS if x.startswith(prefix)), None)
            if hit:
                area = hit
                break
        areas[area] += 1
        for label, prefix in MARKERS:
            if any(x.startswith(prefix) for x in names):
                markers[label] += 1
    print(f"{n} samples" + (f" on threads matching {thread_filter!r}" if thread_filter else "")
          + (f" with a frame matching {frame_filter!r}" if frame_filter else ""))
    if n == 0:
        return
    print("\nby thread:")
    for k, c in threads.most_common(10):
        print(f"  {100 * c / n:5.1f}%  {k}")
    print("\nself time by library (the first non-JDK frame from the top of each stack):")
    for k, c in areas.most_common():
        print(f"  {100 * c / n:5.1f}%  {k}")
    print("\ninclusive (samples with such a frame anywhere in the stack):")
    for k, c in markers.most_common():
        print(f"  {100 * c / n:5.1f}%  {k}")
    print("\ntop frames:")
    for k, c in top.most_common(25):
        print(f"  {100 * c / n:5.1f}%  {k}")


if __name__ == "__main__":
    main()
