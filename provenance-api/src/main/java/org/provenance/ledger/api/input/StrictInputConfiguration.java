package org.provenance.ledger.api.input;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.springframework.format.FormatterRegistry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Puts the strict reader in front of Spring's JSON converter for request bodies. Nothing here
 * changes the application's ObjectMapper bean: Axon's Jackson serializer reads stored events
 * with it, and those must keep loading whatever a later version of the ledger refuses at the edge.
 */
@Configuration(proxyBeanMethods = false)
public class StrictInputConfiguration implements WebMvcConfigurer {

    private final StrictJson strict;

    public StrictInputConfiguration(StrictJson strict) {
        this.strict = strict;
    }

    /** Structured formats Spring would otherwise read into a request record, leniently. */
    private static final Set<String> OTHER_FORMATS = Set.of("yaml", "x-yaml", "xml", "cbor", "smile",
                                                           "x-jackson-smile", "x-protobuf");

    /**
     * Instants in query parameters (asOf): ISO-8601 with an offset or Z, or a date alone meaning the
     * start of that day in UTC (SPEC 6), within the same years as bodies (1900 to 9999).
     */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, StrictInputConfiguration::queryInstant);
    }

    static Instant queryInstant(String text) {
        Instant instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        if (instant.isBefore(InputRules.EARLIEST) || instant.isAfter(InputRules.LATEST)) {
            throw new IllegalArgumentException("out of range");
        }
        return instant;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // Jackson 3's YAML module (brought by springdoc) made Spring register a YAML converter, which
        // bound application/yaml bodies without any of the strict rules: a misspelled field was dropped.
        // The ledger reads JSON only; every other structured format is removed, not made strict.
        converters.removeIf(converter -> converter.getSupportedMediaTypes().stream()
                                                  .anyMatch(type -> OTHER_FORMATS.contains(type.getSubtype())));
        converters.add(0, new StrictJsonHttpMessageConverter(strict));
    }
}
