package org.provenance.ledger.projections.support;

import java.util.ArrayList;
import java.util.List;

/** A where clause built from optional filters, with its parameters in order. */
public final class SqlFilter {

    private final StringBuilder where = new StringBuilder(" where true");
    private final List<Object> params = new ArrayList<>();

    public SqlFilter and(String condition, Object... values) {
        where.append(" and (").append(condition).append(')');
        params.addAll(List.of(values));
        return this;
    }

    /** A prefix match that treats LIKE's wildcards in the prefix as plain characters. */
    public SqlFilter startsWith(String column, String prefix) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return and(column + " like ? escape '\\'", escaped + "%");
    }

    public String where() {
        return where.toString();
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    /** The parameters followed by limit and offset for one page. */
    public List<Object> pageParams(int page, int size) {
        List<Object> all = new ArrayList<>(params);
        all.add(size);
        all.add((long) page * size);
        return all;
    }
}
