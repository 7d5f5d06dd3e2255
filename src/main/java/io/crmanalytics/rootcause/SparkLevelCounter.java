package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Counts one Apriori level in one aggregation over the analysis units ({@code items}: the shipment's
 * {@code dimension=value} terms; {@code reasons}: the distinct reasons it was complained about). Each shipment
 * emits the candidate itemsets it contains (level 1: its terms), and one group-by counts shipments and complained
 * shipments for every reason at once.
 */
final class SparkLevelCounter implements LevelCounter {
    private static final String UDF_NAME = "crm_rootcause_itemsets";

    private final Dataset<Row> units;
    private final Reasons reasons;
    private final JavaSparkContext jsc;

    SparkLevelCounter(Dataset<Row> units, Reasons reasons) {
        this.units = units;
        this.reasons = reasons;
        this.jsc = JavaSparkContext.fromSparkContext(units.sparkSession().sparkContext());
    }

    /** Shipments, then complained shipments per reason (r0 = any reason): the counts every pass computes. */
    static List<Column> aggregates(Reasons reasons) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(org.apache.spark.sql.functions.count(lit(1)).as("shipments"));
        aggs.add(sum(when(size(col("reasons")).gt(0), 1).otherwise(0)).cast("long").as("r0"));
        for (int r = 1; r < reasons.size(); r++) {
            aggs.add(sum(when(array_contains(col("reasons"), reasons.name(r)), 1).otherwise(0)).cast("long")
                    .as("r" + r));
        }
        return aggs;
    }

    @Override
    public GroupCounts totals() {
        List<Column> aggs = aggregates(reasons);
        Row row = units.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        return counts(row, 0, reasons);
    }

    @Override
    public Map<Itemset, GroupCounts> count(int level, Set<Itemset> candidates) {
        Dataset<Row> exploded;
        if (level == 1) {
            exploded = units.select(explode(col("items")).as("itemset"), col("reasons"));
        } else {
            Set<String> keys = new HashSet<>();
            Set<String> terms = new HashSet<>();
            for (Itemset candidate : candidates) {
                keys.add(candidate.key());
                candidate.terms().forEach(t -> terms.add(t.key()));
            }
            Broadcast<Set<String>> candidateKeys = jsc.broadcast(keys);
            Broadcast<Set<String>> candidateTerms = jsc.broadcast(terms);
            units.sparkSession().udf().register(UDF_NAME, (UDF2<scala.collection.Seq<String>, Integer, List<String>>)
                    (items, k) -> ItemsetEnumerator.contained(scala.jdk.javaapi.CollectionConverters.asJava(items),
                            k, candidateTerms.value(), candidateKeys.value()),
                    DataTypes.createArrayType(DataTypes.StringType));
            exploded = units.select(explode(call_udf(UDF_NAME, col("items"), lit(level))).as("itemset"),
                    col("reasons"));
        }
        List<Column> aggs = aggregates(reasons);
        List<Row> rows = exploded.groupBy("itemset").agg(aggs.get(0), aggs.subList(1, aggs.size())
                .toArray(Column[]::new)).collectAsList();
        Map<Itemset, GroupCounts> result = new HashMap<>();
        for (Row row : rows) {
            result.put(Itemset.parseKey(row.getString(0)), counts(row, 1, reasons));
        }
        return result;
    }

    static GroupCounts counts(Row row, int offset, Reasons reasons) {
        long[] complaints = new long[reasons.size()];
        for (int r = 0; r < reasons.size(); r++) {
            complaints[r] = row.isNullAt(offset + 1 + r) ? 0 : row.getLong(offset + 1 + r);
        }
        return new GroupCounts(row.isNullAt(offset) ? 0 : row.getLong(offset), complaints);
    }
}
