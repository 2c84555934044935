package org.provenance.ledger.api.report;

import java.util.List;

/** RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled. */
final class Csv {

    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object field = fields.get(i);
            String text = field == null ? "" : field.toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
