package io.crmanalytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestWavesTest {
    private static List<List<String>> names(List<List<Entity>> waves) {
        return waves.stream().map(w -> w.stream().map(Entity::name).toList()).toList();
    }

    @Test
    void everyEntityComesAfterTheEntitiesItReferences() {
        assertEquals(List.of(
                        List.of("customers", "products", "ivr_events", "customer_attributes"),
                        List.of("orders", "interactions", "surveys"),
                        List.of("order_lines", "shipments")),
                names(IngestWaves.of(DataContract.ENTITIES)));
    }

    @Test
    void aReferenceToAnEntityOutsideTheBatchDoesNotHoldAnEntityBack() {
        // Orders alone: their customers are checked against silver as earlier batches left it.
        assertEquals(List.of(List.of("orders"), List.of("order_lines", "shipments")),
                names(IngestWaves.of(List.of(DataContract.ORDERS, DataContract.ORDER_LINES, DataContract.SHIPMENTS))));
    }
}
