package org.provenance.ledger.api.docs;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.provenance.ledger.api.read.ProjectionBarrier;
import org.provenance.ledger.api.web.LedgerPositionHeader;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Read-your-writes across nodes in the OpenAPI document (SPEC 14): every 201 carries
 * {@code Ledger-Position}, every read under /api may send {@code Ledger-Min-Position}. Added here for
 * all operations at once, as the code adds them (LedgerPositionHeader, ProjectionBarrier).
 */
@Configuration(proxyBeanMethods = false)
class PositionHeadersDocumentation {

    @Bean
    OpenApiCustomizer positionHeaders() {
        return api -> api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            if (item.getGet() != null && readsTheReadModels(path)) {
                item.getGet().addParametersItem(new HeaderParameter()
                        .name(ProjectionBarrier.MIN_POSITION_HEADER)
                        .required(false)
                        .description("Wait until the read models cover this global position (a write's "
                                     + "Ledger-Position, made through any node) before answering; 503 "
                                     + "read-models-behind after the read-your-writes timeout")
                        .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
            }
            item.readOperations().forEach(operation -> {
                ApiResponse created = operation.getResponses() == null ? null : operation.getResponses().get("201");
                if (created != null && created.get$ref() == null) {
                    created.addHeaderObject(LedgerPositionHeader.NAME, new Header()
                            .description("The global position of the write's last event, as in the receipt: send it "
                                         + "as Ledger-Min-Position to read this write on any node")
                            .schema(new IntegerSchema().format("int64")));
                }
            });
        });
    }

    /** The event store's own views (history, audit, admin) and batch jobs answer without waiting for projections. */
    private static boolean readsTheReadModels(String path) {
        return !path.startsWith("/api/audit/") && !path.startsWith("/api/admin/") && !path.startsWith("/api/batch-jobs")
               && !path.endsWith("/events");
    }
}
