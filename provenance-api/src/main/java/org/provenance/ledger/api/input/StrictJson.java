package org.provenance.ledger.api.input;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what clients send, strictly (SPEC 7): an immutable ledger cannot take back what it
 * silently misread. Two passes over the bytes: a scan of the raw tokens (one JSON value and
 * nothing after it, no repeated key, no control character or lone surrogate in any text, every
 * number within {@link InputRules}), then data binding with a mapper of its own that refuses
 * unknown fields and converts no JSON type into another. Every refusal names the field.
 *
 * <p>This mapper reads requests only. The application's ObjectMapper, which Axon's serializer
 * uses for stored events, stays tolerant: events written by older versions must always load.
 */
@Component
public final class StrictJson {

    private static final Logger log = LoggerFactory.getLogger(StrictJson.class);

    /** The field named when the fault is the body as a whole (not JSON, trailing data). */
    public static final String WHOLE_BODY = "body";

    private final ObjectMapper mapper;

    public StrictJson() {
        JsonFactory factory = JsonFactory.builder()
                                         .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                                         .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
                                         .streamReadConstraints(StreamReadConstraints.builder()
                                                 .maxStringLength(InputRules.MAX_STRING_CHARS)
                                                 .maxNestingDepth(InputRules.MAX_NESTING_DEPTH)
                                                 .maxNumberLength(1000)
                                                 .maxDocumentLength(InputRules.MAX_BODY_BYTES)
                                                 .build())
                                         .build();
        JsonMapper strict = JsonMapper.builder(factory)
                                      .addModule(StrictValues.module())
                                      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                      .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                                      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                                      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                      .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                                      .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                                      .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                                      .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                                      .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                                      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                                      .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                                      .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                                      // Jackson 3 keeps a tree's decimals exact unless this is on.
                                      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                                      .withCoercionConfigDefaults(defaults -> {
                                          for (CoercionInputShape shape : CoercionInputShape.values()) {
                                              defaults.setCoercion(shape, CoercionAction.Fail);
                                          }
                                      })
                                      .build();
        this.mapper = strict;
    }

    /** A request body as the given type. */
    public <T> T read(byte[] body, JavaType type) {
        scan(body);
        try {
            return mapper.readValue(body, type);
        } catch (JacksonException e) {
            throw translate(e);
        }
    }

    public JavaType type(java.lang.reflect.Type type) {
        return mapper.constructType(type);
    }

    /** A batch line as a JSON object, scanned like a body, to be routed by its fields and then {@link #convert}ed. */
    public ObjectNode readObject(byte[] line) {
        scan(line);
        try {
            if (mapper.readTree(line) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw translate(e);
        }
        throw new MalformedInputException(WHOLE_BODY, "must be a JSON object");
    }

    /** A scanned object (a batch line without its routing fields) as the given type, with the same strictness. */
    public <T> T convert(ObjectNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw translate(e);
        }
    }

    /** The first lexical fault of a JSON document, as a refusal naming its field. */
    static void scan(byte[] json) {
        JsonParser p = null;
        try {
            p = SCANNER.createParser(ObjectReadContext.empty(), json);
            scan(p);
        } catch (StreamConstraintsException e) {
            throw new MalformedInputException(topLevel(p.streamReadContext()), "is too long or too deeply nested");
        } catch (JacksonException e) {
            throw new MalformedInputException(p == null ? WHOLE_BODY : path(p.streamReadContext()), notJson(e));
        } finally {
            if (p != null) {
                // a parser over a byte array holds nothing to release
                p.close();
            }
        }
    }

    private static void scan(JsonParser p) {
        Deque<Set<String>> keys = new ArrayDeque<>();
        JsonToken token = p.nextToken();
        if (token == null) {
            throw new MalformedInputException(WHOLE_BODY, "is empty; send a JSON object");
        }
        int depth = 0;
        while (true) {
            switch (token) {
                case START_OBJECT -> {
                    keys.push(new HashSet<>());
                    depth++;
                }
                case END_OBJECT -> {
                    keys.pop();
                    depth--;
                }
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case PROPERTY_NAME -> {
                    String name = p.currentName();
                    if (InputRules.forbiddenCharacter(name) >= 0) {
                        throw new MalformedInputException(path(p.streamReadContext()), "is not a field of this request");
                    }
                    if (!keys.peek().add(name)) {
                        throw new MalformedInputException(path(p.streamReadContext()), "is given more than once");
                    }
                }
                case VALUE_STRING -> {
                    String text = p.getString();
                    int bad = InputRules.forbiddenCharacter(text);
                    if (bad >= 0) {
                        throw new MalformedInputException(path(p.streamReadContext()),
                                                          InputRules.describeForbidden(text, bad));
                    }
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (!InputRules.numberInRange(p.getString())) {
                        throw new MalformedInputException(path(p.streamReadContext()), InputRules.NUMBER_RANGE);
                    }
                }
                default -> {
                    // booleans and nulls have nothing to check here; types are checked on binding
                }
            }
            if (depth == 0) {
                break;
            }
            token = p.nextToken();
            if (token == null) {
                throw new MalformedInputException(WHOLE_BODY, "is not valid JSON (it ends too early)");
            }
        }
        if (p.nextToken() != null) {
            throw new MalformedInputException(WHOLE_BODY, "must be one JSON value; data follows it");
        }
    }

    private static final JsonFactory SCANNER = JsonFactory.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                                                        .maxStringLength(InputRules.MAX_STRING_CHARS)
                                                        .maxNestingDepth(InputRules.MAX_NESTING_DEPTH)
                                                        .maxNumberLength(1000)
                                                        .maxDocumentLength(InputRules.MAX_BODY_BYTES)
                                                        .build())
            .build();

    /** A binding failure as the refusal a client can act on; no class name or library message passes. */
    static MalformedInputException translate(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new MalformedInputException(path(unknown.getPath()), unknownField(unknown));
        }
        if (e instanceof StrictValues.Refused refused) {
            return new MalformedInputException(fieldOr(refused.getPath()), refused.clientMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new MalformedInputException(fieldOr(mismatch.getPath()), expected(mismatch));
        }
        if (e instanceof InvalidDefinitionException definition) {
            // A request type Jackson cannot bind is our bug, but the client still gets a 4xx naming the field.
            log.warn("Request binding failed on its definition at {}", path(definition.getPath()), definition);
            return new MalformedInputException(fieldOr(definition.getPath()), "has an invalid value");
        }
        if (e instanceof DatabindException mapping && mapping.getCause() instanceof JacksonException cause) {
            return new MalformedInputException(fieldOr(mapping.getPath()), notJson(cause));
        }
        return new MalformedInputException(pathOf(e), notJson(e));
    }

    private static String notJson(JacksonException e) {
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return "is not valid JSON";
    }

    private static String unknownField(UnrecognizedPropertyException e) {
        Collection<Object> known = e.getKnownPropertyIds();
        if (known == null || known.isEmpty()) {
            return "is not a field of this request";
        }
        String name = e.getPropertyName() == null ? "" : e.getPropertyName();
        List<String> names = known.stream().map(String::valueOf).sorted().toList();
        String like = names.stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                           .findFirst().map(k -> "; did you mean " + k + "?").orElse("");
        return "is not a field of this request (fields: " + String.join(", ", names) + ")" + like;
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                             .collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return InputRules.INSTANT_FORMAT;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String fieldOr(List<JacksonException.Reference> references) {
        String path = path(references);
        return path.isEmpty() ? WHOLE_BODY : path;
    }

    static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(InputRules.printable(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                sb.append('[').append(reference.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String pathOf(JacksonException e) {
        if (e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            return path(parser.streamReadContext());
        }
        return WHOLE_BODY;
    }

    /** The body's field the parser is in, for faults whose full path would be as unbounded as the input. */
    private static String topLevel(TokenStreamContext context) {
        TokenStreamContext c = context;
        while (c != null && c.getParent() != null && !c.getParent().inRoot()) {
            c = c.getParent();
        }
        return c != null && c.inObject() && c.currentName() != null ? InputRules.printable(c.currentName())
                : WHOLE_BODY;
    }

    /** The parser's position as a field path: inputs[0].massKg. */
    static String path(TokenStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.add(0, "." + InputRules.printable(c.currentName()));
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? WHOLE_BODY : path;
    }
}
