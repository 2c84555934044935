package org.provenance.ledger.api.web;

import org.provenance.ledger.api.write.WriteReceipt;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** 201 with the receipt of a write (SPEC 6: id and global event position). */
public final class Created {

    private Created() {
    }

    public static ResponseEntity<WriteReceipt> at(String location, WriteReceipt receipt) {
        return ResponseEntity.created(URI.create(location)).body(receipt);
    }
}
