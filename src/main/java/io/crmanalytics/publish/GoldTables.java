package io.crmanalytics.publish;

import io.crmanalytics.contract.GoldContract;
import io.crmanalytics.contract.GoldTable;
import io.crmanalytics.core.UserException;
import io.crmanalytics.quality.TableRules;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gold tables and columns publish reads, all taken from {@link GoldContract}, and the gate rules the contract
 * declares for them. Everything that reads another job's gold table goes through {@link #require}, so a table
 * written before the contract held (or by hand) fails with a line that names the table and the column.
 */
public final class GoldTables {
    public static final String CUSTOMER_VALUE = GoldContract.CUSTOMER_VALUE.name();
    public static final String PROPENSITY_SCORES = GoldContract.PROPENSITY_SCORES.name();
    public static final String NEXT_BEST_OFFER = GoldContract.NEXT_BEST_OFFER.name();
    public static final String COMPLAINT_ATTRIBUTION = GoldContract.COMPLAINT_ATTRIBUTION.name();
    /** Written by publish itself. */
    public static final String CUSTOMER_360 = GoldContract.CUSTOMER_360.name();
    public static final String DATA_QUALITY = GoldContract.DATA_QUALITY.name();

    /** gold.customer_value columns that customer_360 and the segments read. */
    public static final String VALUE_TIER = GoldContract.CUSTOMER_VALUE.columnName("value_tier");
    public static final String RFM_SEGMENT = GoldContract.CUSTOMER_VALUE.columnName("rfm_segment");
    public static final String PROBABILITY_ALIVE = GoldContract.CUSTOMER_VALUE.columnName("probability_alive");
    public static final String CLV = GoldContract.CUSTOMER_VALUE.columnName("clv");
    public static final String HIGH_VALUE_AT_RISK = GoldContract.CUSTOMER_VALUE.columnName("high_value_at_risk");

    /** gold.propensity_scores columns. */
    public static final String PROPENSITY = GoldContract.PROPENSITY_SCORES.columnName("propensity");
    public static final String DECILE = GoldContract.PROPENSITY_SCORES.columnName("decile");
    /** The category column of propensity_scores and next_best_offer. */
    public static final String CATEGORY = GoldContract.PROPENSITY_SCORES.columnName("product_category");
    /** gold.next_best_offer's readable explanation. */
    public static final String REASON = GoldContract.NEXT_BEST_OFFER.columnName("reason");

    /** gold.complaint_attribution columns. */
    public static final String INTERACTION_ID = GoldContract.COMPLAINT_ATTRIBUTION.columnName("interaction_id");

    private GoldTables() {
    }

    /** The gate rules the contract declares for a gold table; empty for tables that get the PII gate only. */
    public static Optional<TableRules> rules(String table) {
        return GoldContract.find(table).flatMap(GoldTables::rulesOf);
    }

    private static Optional<TableRules> rulesOf(GoldTable table) {
        return table.gates().map(g -> new TableRules(table.name(), table.key(), g.notNull(), g.references(),
                g.volumeChecked()));
    }

    /** Fails with a clear line when {@code gold.<table>} lacks any of the columns publish reads. */
    public static void require(Dataset<Row> rows, String table, String... columns) {
        List<String> present = Arrays.asList(rows.columns());
        List<String> missing = Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new UserException("gold." + table + " lacks column(s) " + missing + " that publish reads (it has "
                    + present + "); publish reads the columns " + GoldContract.class.getName() + " declares (see "
                    + GoldTables.class.getName() + "): re-run the job that writes it");
        }
    }
}
