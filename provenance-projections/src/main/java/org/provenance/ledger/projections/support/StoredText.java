package org.provenance.ledger.projections.support;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;


/**
 * How read models hold text that PostgreSQL cannot: neither {@code text} nor {@code jsonb} accepts
 * U+0000, yet an accepted event may carry one (the REST edge refuses it today, older events or
 * events written below the API need not have). A projection that cannot store an event stops for
 * good, so every string a projection writes goes through {@link #encode} and every string a query
 * shows through {@link #decode}: the read side shows exactly what the event holds.
 * <p>
 * The escape is U+E000 (the first private-use code point, which no standard assigns) followed by
 * the four hex digits of the UTF-16 unit it stands for: U+0000 is stored as {@code U+E000 "0000"},
 * a literal U+E000 as {@code U+E000 "E000"}. Text without either is stored unchanged, so ids,
 * codes and ordinary names look in the database exactly as they do in the events.
 */
public final class StoredText {

    static final char ESCAPE = '\uE000';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StoredText() {
    }

    public static String encode(String text) {
        if (text == null || !needsEscape(text)) {
            return text;
        }
        StringBuilder stored = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || c == ESCAPE) {
                stored.append(ESCAPE).append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                      .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                stored.append(c);
            }
        }
        return stored.toString();
    }

    public static String decode(String stored) {
        if (stored == null || stored.indexOf(ESCAPE) < 0) {
            return stored;
        }
        StringBuilder text = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == ESCAPE && isHex(stored, i + 1)) {
                text.append((char) Integer.parseInt(stored.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                // Not written by encode (a hand edit): show it as it is rather than fail the read.
                text.append(c);
            }
        }
        return text.toString();
    }

    /** The parameters of a projection's SQL statement, with every string made storable. */
    public static Object[] params(Object... values) {
        Object[] stored = values.clone();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] instanceof String s) {
                stored[i] = encode(s);
            }
        }
        return stored;
    }

    /** For the JSON kept in jsonb columns: strings are encoded on the way in and decoded on the way out. */
    public static SimpleModule jsonModule() {
        SimpleModule module = new SimpleModule("StoredText");
        module.addSerializer(String.class, new StdScalarSerializer<>(String.class) {
            @Override
            public void serialize(String value, JsonGenerator out, SerializationContext provider) {
                out.writeString(encode(value));
            }
        });
        module.addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
            @Override
            public String deserialize(JsonParser in, DeserializationContext context) {
                return decode(in.getValueAsString());
            }
        });
        return module;
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || c == ESCAPE) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(String s, int from) {
        if (from + 4 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
