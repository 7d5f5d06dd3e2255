package io.crmanalytics.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One run of {@code crm ingest}: its id (sortable by time, unique by its random suffix) and the instant it
 * started, written as {@code _batch_id} and {@code _ingested_at} / {@code _quarantined_at} lineage.
 */
record Batch(String id, Instant startedAt) {
    static final String BATCH_ID = "_batch_id";
    static final String INGESTED_AT = "_ingested_at";
    static final String QUARANTINED_AT = "_quarantined_at";

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static Batch start() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Batch(ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8), now);
    }

    Timestamp timestamp() {
        return Timestamp.from(startedAt);
    }
}
