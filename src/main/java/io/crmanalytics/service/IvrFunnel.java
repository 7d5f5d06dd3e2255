package io.crmanalytics.service;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.crmanalytics.stats.MultipleTesting;
import io.crmanalytics.stats.RatioEstimate;
import io.crmanalytics.stats.RiskRatio;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.ivr_funnel}: one row per IVR menu node (path {@code main>orders>track}), counted in calls: a call that
 * re-enters a node counts once there.
 * <ul>
 *   <li>entries: calls with any event at the node; exits_to_children: calls entering each child node;</li>
 *   <li>drop_off_rate: share of entries that neither went on to a child nor were self-served here;</li>
 *   <li>containment_rate: share of entries whose call ended self-served without reaching an agent;</li>
 *   <li>options: child nodes callers were seen choosing; agent_option: callers zeroed out here;</li>
 *   <li>flagged: the node's problem rate (calls that zeroed out or abandoned here / entries) is higher than the
 *       pooled rate of all other nodes by a two-sided test of the 2x2 table (chi-square, Fisher when small), with
 *       Benjamini-Hochberg q-value at most the FDR, AND at least the minimum rate ratio, AND at least the minimum
 *       entries. Significance alone would flag harmless nodes in a large call volume; the ratio alone would flag
 *       noise in a small one.</li>
 * </ul>
 */
public final class IvrFunnel {
    private IvrFunnel() {
    }

    public static Dataset<Row> build(SparkSession spark, Dataset<Row> ivrEvents, ServiceOptions options) {
        Column parentOf = regexp_extract(col("node"), "^(.*)>[^>]*$", 1);
        Dataset<Row> visits = ivrEvents.groupBy("call_id", "node").agg(
                        flag("zero_out").as("zero_out"), flag("abandon").as("abandon"),
                        flag("self_served").as("self_served"), flag("transfer").as("transfer"))
                .withColumn("parent", parentOf);
        Dataset<Row> calls = visits.groupBy("call_id").agg(
                max("self_served").as("call_self_served"),
                max(col("zero_out").or(col("transfer"))).as("call_reached_agent"));
        Dataset<Row> continued = visits.where(col("parent").notEqual(""))
                .select(col("call_id"), col("parent").as("node")).distinct().withColumn("continued", lit(true));
        Dataset<Row> perNode = visits.join(continued, new String[] {"call_id", "node"}, "left")
                .join(calls, "call_id")
                .groupBy("node", "parent").agg(
                        count(lit(1)).as("entries"),
                        sum(when(col("continued").isNotNull(), 1L).otherwise(0L)).as("calls_to_children"),
                        count(when(col("self_served"), 1)).as("self_served"),
                        count(when(col("zero_out"), 1)).as("zero_outs"),
                        count(when(col("abandon"), 1)).as("abandons"),
                        count(when(col("transfer"), 1)).as("transfers"),
                        count(when(col("zero_out").or(col("abandon")), 1)).as("problem_calls"),
                        count(when(col("continued").isNull().and(not(col("self_served"))), 1)).as("dropped"),
                        count(when(col("call_self_served").and(not(col("call_reached_agent"))), 1))
                                .as("contained"));
        Dataset<Row> children = perNode.where(col("parent").notEqual(""))
                .groupBy(col("parent").as("node")).agg(
                        map_from_entries(collect_list(struct(col("node"), col("entries")))).as("exits_to_children"),
                        countDistinct("node").as("options"));
        List<Row> nodes = perNode.join(children, new String[] {"node"}, "left").orderBy("node").collectAsList();
        return spark.createDataFrame(judge(nodes, options), SCHEMA);
    }

    private static Column flag(String event) {
        return max(col("event").equalTo(event));
    }

    static final StructType SCHEMA = new StructType()
            .add("node", DataTypes.StringType).add("parent", DataTypes.StringType)
            .add("depth", DataTypes.IntegerType)
            .add("entries", DataTypes.LongType)
            .add("exits_to_children", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("calls_to_children", DataTypes.LongType)
            .add("self_served", DataTypes.LongType).add("zero_outs", DataTypes.LongType)
            .add("abandons", DataTypes.LongType).add("transfers", DataTypes.LongType)
            .add("zero_out_rate", DataTypes.DoubleType).add("abandon_rate", DataTypes.DoubleType)
            .add("drop_off_rate", DataTypes.DoubleType).add("containment_rate", DataTypes.DoubleType)
            .add("options", DataTypes.IntegerType).add("agent_option", DataTypes.BooleanType)
            .add("problem_rate", DataTypes.DoubleType).add("other_nodes_problem_rate", DataTypes.DoubleType)
            .add("rate_ratio", DataTypes.DoubleType).add("rate_ratio_ci_low", DataTypes.DoubleType)
            .add("rate_ratio_ci_high", DataTypes.DoubleType)
            .add("p_value", DataTypes.DoubleType).add("q_value", DataTypes.DoubleType)
            .add("flagged", DataTypes.BooleanType).add("note", DataTypes.StringType);

    /** Tests every node with enough entries against the pooled other nodes and builds the output rows. */
    static List<Row> judge(List<Row> nodes, ServiceOptions options) {
        long allEntries = 0;
        long allProblems = 0;
        for (Row n : nodes) {
            allEntries += n.<Long>getAs("entries");
            allProblems += n.<Long>getAs("problem_calls");
        }
        RatioEstimate[] estimates = new RatioEstimate[nodes.size()];
        double[] pValues = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Row n = nodes.get(i);
            long entries = n.getAs("entries");
            estimates[i] = entries >= options.ivrMinEntries() && allEntries > entries
                    ? RiskRatio.ofGroup(n.getAs("problem_calls"), entries, allProblems, allEntries)
                    : RatioEstimate.undefined();
            pValues[i] = estimates[i].isDefined() ? estimates[i].pValue() : Double.NaN;
        }
        double[] qValues = MultipleTesting.benjaminiHochberg(pValues);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Row n = nodes.get(i);
            String node = n.getAs("node");
            long entries = n.getAs("entries");
            long problems = n.getAs("problem_calls");
            long zeroOuts = n.getAs("zero_outs");
            Long optionCount = n.getAs("options");
            int choices = optionCount == null ? 0 : optionCount.intValue();
            boolean agentOption = zeroOuts > 0;
            RatioEstimate e = estimates[i];
            boolean flagged = e.isDefined() && qValues[i] <= options.fdr()
                    && e.ratio() >= options.ivrMinRateRatio();
            List<String> notes = new ArrayList<>();
            if (flagged) {
                notes.add(String.format(Locale.ROOT, "zero-out+abandon rate %.1f%% vs %.1f%% at the other nodes",
                        100.0 * problems / entries,
                        100.0 * (allProblems - problems) / (allEntries - entries)));
            }
            if (choices > options.ivrMaxOptions() && agentOption) {
                notes.add(choices + " options plus an agent option: more than " + options.ivrMaxOptions()
                        + " options overloads callers' memory; split the menu or move rare options down");
            }
            Map<String, Long> exits = n.isNullAt(n.fieldIndex("exits_to_children"))
                    ? new HashMap<>() : n.getJavaMap(n.fieldIndex("exits_to_children"));
            out.add(RowFactory.create(node, n.<String>getAs("parent"), node.split(">", -1).length,
                    entries, scala.jdk.javaapi.CollectionConverters.asScala(exits),
                    n.<Long>getAs("calls_to_children"), n.<Long>getAs("self_served"), zeroOuts,
                    n.<Long>getAs("abandons"), n.<Long>getAs("transfers"),
                    share(zeroOuts, entries), share(n.getAs("abandons"), entries),
                    share(n.getAs("dropped"), entries), share(n.getAs("contained"), entries),
                    choices, agentOption, share(problems, entries),
                    allEntries > entries ? share(allProblems - problems, allEntries - entries) : null,
                    defined(e.ratio()), defined(e.ciLow()), defined(e.ciHigh()), defined(e.pValue()),
                    defined(qValues[i]), flagged, notes.isEmpty() ? null : String.join("; ", notes)));
        }
        return out;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
