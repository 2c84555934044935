package org.provenance.ledger.audit.chain;

/**
 * One row of the event table exactly as stored: text columns as their text, payload and metadata
 * as their raw bytes. Nothing is parsed or re-serialized, so the hash covers what is on disk.
 *
 * @param position        global_index
 * @param eventId         event_identifier
 * @param aggregateType   type (the aggregate's type, e.g. "Lot"); may be null
 * @param aggregateId     aggregate_identifier (the stream id, e.g. "lot/ORE-1")
 * @param sequence        sequence_number within the stream
 * @param timestamp       time_stamp, the ISO-8601 text Axon stored
 * @param payloadType     payload_type (the event's class name)
 * @param payloadRevision payload_revision; may be null
 * @param payload         payload bytes (JSON written by Axon's Jackson serializer)
 * @param metadata        meta_data bytes; may be null
 */
public record EventRow(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                       String timestamp, String payloadType, String payloadRevision, byte[] payload,
                       byte[] metadata) {
}
