package io.crmanalytics.ingest;

import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entities of one batch grouped into waves that can be ingested at the same time: an entity goes in the wave
 * after the latest wave of any entity it references that is in this batch, because its reference check reads
 * that entity's silver table, which must already hold this batch's accepted rows. With the contract's nine
 * entities: customers, products, ivr_events, customer_attributes; then orders, interactions, surveys; then
 * order_lines and shipments.
 */
final class IngestWaves {
    private IngestWaves() {
    }

    /** {@code entities} (in the contract's dependency order) grouped into waves, each in the given order. */
    static List<List<Entity>> of(List<Entity> entities) {
        Map<String, Integer> waveOf = new HashMap<>();
        List<List<Entity>> waves = new ArrayList<>();
        for (Entity entity : entities) {
            int wave = 0;
            for (Reference reference : entity.references()) {
                Integer target = waveOf.get(reference.targetEntity());
                if (target != null) {
                    wave = Math.max(wave, target + 1);
                }
            }
            waveOf.put(entity.name(), wave);
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(entity);
        }
        return waves;
    }
}
