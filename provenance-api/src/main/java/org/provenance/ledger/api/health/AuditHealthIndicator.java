package org.provenance.ledger.api.health;

import org.provenance.ledger.audit.server.TamperAlarm;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Health component {@code audit}, in the readiness group: DOWN while this node holds a tampering finding
 * nobody acknowledged, naming its position and kind (POST /api/audit/alarm/acknowledgement clears it).
 */
@Component("audit")
public class AuditHealthIndicator extends AbstractHealthIndicator {

    private final TamperAlarm alarm;

    public AuditHealthIndicator(TamperAlarm alarm) {
        this.alarm = alarm;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<TamperAlarm.Finding> findings = alarm.active();
        if (findings.isEmpty()) {
            builder.up();
            return;
        }
        TamperAlarm.Finding first = findings.get(0);
        builder.down().withDetail("reason", "tampering found at event position " + first.position() + ": "
                                            + first.kind() + " (" + first.detail() + ")")
               .withDetail("findings", findings.stream().map(f -> Map.of("position", f.position(), "kind", f.kind(),
                                                                          "detail", f.detail(),
                                                                          "streams", f.streams(),
                                                                          "raisedAt", f.raisedAt().toString()))
                                               .toList());
    }
}
