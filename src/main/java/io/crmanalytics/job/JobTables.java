package io.crmanalytics.job;

import io.crmanalytics.contract.Entity;
import io.crmanalytics.contract.GoldTable;
import io.crmanalytics.warehouse.Layer;
import io.crmanalytics.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a job's {@link Job#inputs()} and {@link Job#outputs()} from the input and gold contracts. */
public final class JobTables {
    private JobTables() {
    }

    public static List<Warehouse.TableRef> silver(Entity... entities) {
        return Arrays.stream(entities).map(e -> new Warehouse.TableRef(Layer.SILVER, e.name())).toList();
    }

    public static List<Warehouse.TableRef> silver(List<Entity> entities) {
        return silver(entities.toArray(Entity[]::new));
    }

    public static List<Warehouse.TableRef> gold(GoldTable... tables) {
        return Arrays.stream(tables).map(t -> new Warehouse.TableRef(Layer.GOLD, t.name())).toList();
    }

    public static List<Warehouse.TableRef> gold(List<GoldTable> tables) {
        return gold(tables.toArray(GoldTable[]::new));
    }

    @SafeVarargs
    public static List<Warehouse.TableRef> concat(List<Warehouse.TableRef>... lists) {
        List<Warehouse.TableRef> all = new ArrayList<>();
        Arrays.stream(lists).forEach(all::addAll);
        return List.copyOf(all);
    }
}
