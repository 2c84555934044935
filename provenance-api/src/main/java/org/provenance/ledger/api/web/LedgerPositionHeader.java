package org.provenance.ledger.api.web;

import org.provenance.ledger.api.write.WriteReceipt;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every write answer carries its position as the header {@value #NAME} too (SPEC 14), so a client
 * behind a load balancer can send it back as {@code Ledger-Min-Position} to whichever node serves its
 * next read, without parsing the body. One place for all writes that answer a {@link WriteReceipt}.
 */
@ControllerAdvice
public class LedgerPositionHeader implements ResponseBodyAdvice<Object> {

    public static final String NAME = "Ledger-Position";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof WriteReceipt receipt && !response.getHeaders().containsHeader(NAME)) {
            response.getHeaders().set(NAME, Long.toString(receipt.position()));
        }
        return body;
    }
}
