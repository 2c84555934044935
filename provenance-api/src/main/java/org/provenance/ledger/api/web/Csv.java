package org.provenance.ledger.api.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.function.Function;

/**
 * Lists as CSV (RFC 4180, SPEC 6): a header row, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break. Values are written as the ledger holds them (no spreadsheet
 * formula escaping: an audit file must show exactly what was recorded).
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final MediaType CSV_UTF8 = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private Csv() {
    }

    /**
     * Whether the client prefers CSV: its most preferred acceptable type is text/csv. A missing
     * or wildcard Accept gets JSON, as before CSV existed.
     */
    public static boolean wanted(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        types.removeIf(t -> t.getQualityValue() == 0);
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.isWildcardType() || type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.getType().equals("text") && (type.getSubtype().equals("csv") || type.isWildcardSubtype())) {
                return type.getSubtype().equals("csv");
            }
        }
        return false;
    }

    /** The page's rows; X-Total-Count tells how many match in all, so a client can page on. */
    public static <T> ResponseEntity<String> of(List<String> header, List<T> rows, Function<T, List<?>> row,
                                                long total) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (T item : rows) {
            line(out, row.apply(item));
        }
        return ResponseEntity.ok().contentType(CSV_UTF8).header("X-Total-Count", Long.toString(total))
                             .body(out.toString());
    }

    private static void line(StringBuilder out, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal number ? number.stripTrailingZeros().toPlainString()
                                                                  : value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
