#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go: top frames, and samples by area of the code.

usage: jfr print --json --events jdk.ExecutionSample ledger.jfr > samples.json
       python3 jfr-hot.py samples.json [thread-name-filter]
"""
import collections
import json
import sys

AREAS = [  # (label, frame prefix); "self": the first area met scanning a stack from its top frame down
    ("BCrypt (HTTP Basic password check)", "org.springframework.security.crypto.bcrypt"),
    ("JSON (Jackson)", "com.fasterxml.jackson"),
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
    ("HTTP Basic authentication (BasicAuthenticationFilter)", "org.springframework.security.web.authentication.www.BasicAuthenticationFilter"),
    ("Bearer token authentication (BearerTokenAuthenticationFilter)", "org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter"),
    ("command handling (Axon command bus)", "org.axonframework.commandhandling.SimpleCommandBus"),
    ("aggregate loads (event-sourced repository)", "org.axonframework.eventsourcing.EventSourcingRepository.doLoadWithLock"),
    ("event append (JdbcEventStorageEngine.appendEvents)", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents"),
    ("request registry", "org.provenance.ledger.api.write.RequestRegistry"),
    ("read-your-writes barrier", "org.provenance.ledger.api.read.ProjectionBarrier"),
    ("projection event handlers", "org.provenance.ledger.projections"),
    ("tracking processor fetching events", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchTrackedEvents"),
    ("audit chainer", "org.provenance.ledger.api.audit.AuditChainer"),
    ("JSON (Jackson), anywhere", "com.fasterxml.jackson"),
    ("PostgreSQL driver, anywhere", "org.postgresql"),
    ("Micrometer, anywhere", "io.micrometer"),
]


def frame_name(f):
    m = f.get("method", {})
    t = m.get("type", {}).get("name", "?").replace("/", ".")
    return t + "." + m.get("name", "?")


def main():
    data = json.load(open(sys.argv[1]))
    thread_filter = sys.argv[2] if len(sys.argv) > 2 else None
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
    print(f"{n} samples" + (f" on threads matching {thread_filter!r}" if thread_filter else ""))
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
