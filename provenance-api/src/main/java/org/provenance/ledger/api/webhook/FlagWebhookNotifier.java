package org.provenance.ledger.api.webhook;

import org.provenance.ledger.projections.flag.FlagQueries;
import org.provenance.ledger.projections.flag.FlagView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;

/**
 * Queues a POST per flag webhook for each flag raised. The source is {@code flag_raised}, filled by a
 * trigger on the flag projection's own insert (V90): a flag is queued in the transaction that raises
 * it, and only once, since flag ids are deterministic and a replay's re-inserts find their id there.
 * The body is the flag as GET /api/flags lists it, read when it is queued.
 */
@Component
public class FlagWebhookNotifier implements WebhookFeeder {

    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FlagQueries flags;
    private final WebhookOutbox outbox;
    private final ObjectMapper json;

    public FlagWebhookNotifier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, FlagQueries flags,
                               WebhookOutbox outbox, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.flags = flags;
        this.outbox = outbox;
        this.json = json;
    }

    @Override
    public void feed() {
        Integer queued;
        do {
            queued = transactions.execute(status -> batch());
        } while (queued != null && queued == BATCH);
    }

    private int batch() {
        List<String> raised = jdbc.queryForList("""
                select flag_id from flag_raised where not dispatched order by queued_at, flag_id limit ?
                for update skip locked""", String.class, BATCH);
        if (raised.isEmpty()) {
            return 0;
        }
        List<String> webhooks = jdbc.queryForList("select webhook_id from flag_webhook order by created_at", String.class);
        if (!webhooks.isEmpty()) {
            for (String flagId : raised) {
                Optional<FlagView> flag = flags.find(flagId);
                if (flag.isEmpty()) {
                    continue; // removed by a rebuild in progress; its re-insert is already known and not sent again
                }
                String body = json.writeValueAsString(flag.get());
                for (String webhook : webhooks) {
                    outbox.enqueue(WebhookOutbox.FLAG_WEBHOOK, webhook, body);
                }
            }
        }
        jdbc.update("update flag_raised set dispatched = true where flag_id = any(?::text[])",
                    (Object) raised.toArray(String[]::new));
        return raised.size();
    }
}
