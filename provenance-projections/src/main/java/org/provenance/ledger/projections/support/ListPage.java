package org.provenance.ledger.projections.support;

import java.util.List;

/** One page of a list (SPEC 6): the items, the page asked for, its size and how many match in all. */
public record ListPage<T>(List<T> items, int page, int size, long total) {
}
