package org.provenance.ledger.api.config;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The JSON of stored events and tokens, written and read by Axon's Jackson3Serializer (Boot 4
 * has no Jackson 2; docs/DESIGN.md, "Platform: Spring Boot 4.1, Jackson 3").
 * <p>
 * Until 0.1 the events were written by Axon's Jackson 2 serializer over Spring's ObjectMapper
 * (decimals plain, instants as ISO-8601 strings, properties in declaration order). Axon's Jackson
 * 3 serializer builds a mapper of its own, so the same settings are applied to it here; and it
 * stays as tolerant as the old one on reading, since events written by any earlier version must
 * load (StoredEventsFromEarlierVersionTest): unknown properties are ignored (Axon's default), a
 * missing or null primitive is its default value, and trailing data after the JSON value does not
 * fail the read (all three were Jackson 2's defaults).
 * <p>
 * Axon's ReplayToken (a projection replay's token) names the class of its inner tokens and of its
 * context ({@code @JsonTypeInfo} with an {@code Object} base type). Jackson 3's default validator
 * refuses any polymorphic type under {@code Object}, so without a validator a processor cannot
 * claim its token once a replay has begun; only Axon's own classes are allowed.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerJsonConfiguration {

    @Bean
    Jackson3SerializerCustomizer storedEventsJson() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                                 .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                                 .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                                 .enable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                                 .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                 .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                                 .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                 .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                                                                                        .allowIfSubType("org.axonframework.")
                                                                                        .build());
    }
}
