package io.crmanalytics.publish;

import io.crmanalytics.core.UserException;
import io.crmanalytics.quality.TableRules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one place where publish names the columns of gold tables other jobs write (their documented contracts in
 * issues 3-6), and the gate rules for each. When another job's columns land under different names, align them
 * here; everything that reads a gold table goes through {@link #require} so a mismatch fails with a line that
 * names the table, the column and this class.
 */
public final class GoldTables {
    public static final String CUSTOMER_VALUE = "customer_value";
    public static final String PROPENSITY_SCORES = "propensity_scores";
    public static final String NEXT_BEST_OFFER = "next_best_offer";
    public static final String COMPLAINT_ATTRIBUTION = "complaint_attribution";
    public static final String COMPLAINT_ROOT_CAUSES = "complaint_root_causes";
    public static final String COMPLAINT_TRENDS = "complaint_trends";
    public static final String PROACTIVE_OUTREACH = "proactive_outreach";
    /** Written by publish itself. */
    public static final String CUSTOMER_360 = "customer_360";
    public static final String DATA_QUALITY = "data_quality";

    /** gold.customer_value columns that customer_360 and the segments read. */
    public static final String VALUE_TIER = "value_tier";
    public static final String RFM_SEGMENT = "rfm_segment";
    public static final String PROBABILITY_ALIVE = "probability_alive";
    public static final String CLV = "clv";
    /** Optional in gold.customer_value; derived by {@link Segments} when absent. */
    public static final String HIGH_VALUE_AT_RISK = "high_value_at_risk";

    /** gold.propensity_scores columns. */
    public static final String PROPENSITY = "propensity";
    public static final String DECILE = "decile";
    /** The category column: propensity_scores and next_best_offer call it one of these (first found wins). */
    public static final List<String> CATEGORY_COLUMNS = List.of("product_category", "category");
    /** gold.next_best_offer's readable explanation. */
    public static final String REASON = "reason";

    /** gold.complaint_attribution columns. */
    public static final String INTERACTION_ID = "interaction_id";
    public static final String COMPLAINT_REASON = "complaint_reason";

    /** The gate rules of every gold table publish knows; other gold tables are exported with the PII gate only. */
    public static final List<TableRules> RULES = List.of(
            new TableRules(CUSTOMER_VALUE, List.of("customer_id"),
                    List.of("customer_id", VALUE_TIER, RFM_SEGMENT, CLV, PROBABILITY_ALIVE),
                    Map.of("customer_id", "customers"), true),
            new TableRules(PROPENSITY_SCORES, List.of("customer_id", "product_category"),
                    List.of("customer_id", "product_category", PROPENSITY, DECILE),
                    Map.of("customer_id", "customers"), true),
            new TableRules(NEXT_BEST_OFFER, List.of("customer_id"), List.of("customer_id", PROPENSITY),
                    Map.of("customer_id", "customers"), true),
            new TableRules(COMPLAINT_ATTRIBUTION, List.of(INTERACTION_ID), List.of(INTERACTION_ID, "method"),
                    Map.of("shipment_id", "shipments"), true),
            new TableRules(COMPLAINT_ROOT_CAUSES, List.of(COMPLAINT_REASON, "factors"),
                    List.of(COMPLAINT_REASON, "factors", "lift"), Map.of(), false),
            new TableRules(COMPLAINT_TRENDS, List.of(COMPLAINT_REASON, "factors"),
                    List.of(COMPLAINT_REASON, "factors"), Map.of(), false),
            new TableRules(PROACTIVE_OUTREACH, List.of("shipment_id"), List.of("shipment_id", "customer_id"),
                    Map.of("customer_id", "customers", "shipment_id", "shipments"), false),
            new TableRules(CUSTOMER_360, List.of("customer_id"), List.of("customer_id"),
                    Map.of("customer_id", "customers"), true));

    private GoldTables() {
    }

    public static Optional<TableRules> rules(String table) {
        return RULES.stream().filter(r -> r.table().equals(table)).findFirst();
    }

    /** Fails with a clear line when {@code gold.<table>} lacks any of the columns publish reads. */
    public static void require(Dataset<Row> rows, String table, String... columns) {
        List<String> present = Arrays.asList(rows.columns());
        List<String> missing = Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new UserException("gold." + table + " lacks column(s) " + missing + " that publish reads (it has "
                    + present + "); align the names in io.crmanalytics.publish.GoldTables");
        }
    }

    /** The name of the category column of a propensity or next-best-offer table. */
    public static String categoryColumn(Dataset<Row> rows, String table) {
        List<String> present = Arrays.asList(rows.columns());
        return CATEGORY_COLUMNS.stream().filter(present::contains).findFirst()
                .orElseThrow(() -> new UserException("gold." + table + " has none of the category columns "
                        + CATEGORY_COLUMNS + " (it has " + present + "); align the names in "
                        + "io.crmanalytics.publish.GoldTables"));
    }
}
