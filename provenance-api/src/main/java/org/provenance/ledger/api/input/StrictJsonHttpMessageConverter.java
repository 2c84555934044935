package org.provenance.ledger.api.input;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.lang.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Reads every JSON request body with {@link StrictJson}. Read-only: responses are written by
 * Spring's own converter with the application's mapper, which this one never touches.
 */
public class StrictJsonHttpMessageConverter implements GenericHttpMessageConverter<Object> {

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));

    private final StrictJson strict;

    public StrictJsonHttpMessageConverter(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public boolean canRead(Type type, @Nullable Class<?> contextClass, @Nullable MediaType mediaType) {
        return readsType(type) && readsMediaType(mediaType);
    }

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
        return canRead(clazz, null, mediaType);
    }

    private static boolean readsType(Type type) {
        // Raw bodies (bytes, text, streams) are read by the converters made for them.
        return !(type instanceof Class<?> c) || !(c == String.class || c == byte[].class
                || org.springframework.core.io.Resource.class.isAssignableFrom(c)
                || org.springframework.util.MultiValueMap.class.isAssignableFrom(c));
    }

    private static boolean readsMediaType(@Nullable MediaType mediaType) {
        return mediaType != null && JSON.stream().anyMatch(json -> json.includes(mediaType));
    }

    @Override
    public Object read(Type type, @Nullable Class<?> contextClass, HttpInputMessage input) throws IOException {
        return strict.read(bounded(input.getBody()), strict.type(type));
    }

    @Override
    public Object read(Class<?> clazz, HttpInputMessage input) throws IOException {
        return read(clazz, null, input);
    }

    /** The body, refused past the limit without reading further. */
    static byte[] bounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(InputRules.MAX_BODY_BYTES + 1);
        if (body.length > InputRules.MAX_BODY_BYTES) {
            throw new MalformedInputException(StrictJson.WHOLE_BODY,
                                              "must be at most " + InputRules.MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return JSON;
    }

    @Override
    public boolean canWrite(@Nullable Type type, Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public void write(Object o, @Nullable Type type, @Nullable MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("reads requests only");
    }

    @Override
    public void write(Object o, @Nullable MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("reads requests only");
    }
}
