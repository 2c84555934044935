package org.provenance.ledger.api.web;

/** An id in the request path names nothing the ledger knows. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("no " + what + " " + id + " is recorded", null, false, false);
    }
}
