package org.provenance.ledger.api.input;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

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

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new StrictJsonHttpMessageConverter(strict));
    }
}
