package org.provenance.ledger.api.input;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Texts, numbers and instants read only from their own JSON type: no number or boolean becomes
 * a string, no string becomes a number, no number becomes an instant (1e400 was once stored as
 * 1970-01-01), no empty string becomes "now".
 */
final class StrictValues {

    private StrictValues() {
    }

    static SimpleModule module() {
        return new SimpleModule("strict-values")
                .addDeserializer(String.class, new Text())
                .addDeserializer(BigDecimal.class, new Decimal())
                .addDeserializer(Instant.class, new When());
    }

    /** A refusal with the message the client reads; the path is filled in as Jackson unwinds. */
    static final class Refused extends MismatchedInputException {
        private final String clientMessage;

        Refused(JsonParser p, Class<?> type, String clientMessage) {
            super(p, clientMessage, type);
            this.clientMessage = clientMessage;
        }

        String clientMessage() {
            return clientMessage;
        }
    }

    static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(p, String.class, "must be a string");
            }
            String text = p.getString();
            int bad = InputRules.forbiddenCharacter(text);
            if (bad >= 0) {
                throw new Refused(p, String.class, InputRules.describeForbidden(text, bad));
            }
            return text;
        }
    }

    static final class Decimal extends StdScalarDeserializer<BigDecimal> {
        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                throw new Refused(p, BigDecimal.class, "must be a number");
            }
            // The scan bounded every number's digits and exponent; this re-checks what a tree handed over.
            BigDecimal value = p.getDecimalValue();
            if (!InputRules.numberInRange(value.toString())) {
                throw new Refused(p, BigDecimal.class, InputRules.NUMBER_RANGE);
            }
            return value;
        }
    }

    static final class When extends StdScalarDeserializer<Instant> {
        When() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(p, Instant.class, InputRules.INSTANT_FORMAT);
            }
            Instant instant;
            try {
                instant = OffsetDateTime.parse(p.getString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new Refused(p, Instant.class, InputRules.INSTANT_FORMAT);
            }
            if (instant.isBefore(InputRules.EARLIEST) || instant.isAfter(InputRules.LATEST)) {
                throw new Refused(p, Instant.class, InputRules.INSTANT_RANGE);
            }
            return instant;
        }
    }
}
