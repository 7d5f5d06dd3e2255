package io.crmanalytics.rootcause;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The analysis units, encoded once and cached for every counting pass of the engine: each shipment as the sorted
 * integer codes of its factor terms and a bit mask of its complaint reasons ({@link EncodedUnit}). Why: each pass
 * (one per Apriori level, one per set of stratifying dimensions) would otherwise explode and hash strings for every
 * shipment and shuffle the groups; over the encoded cache a pass is a tight loop per partition whose small count
 * arrays are summed on the driver. The encoding itself is two Spark passes: the distinct values per dimension
 * (a tiny aggregate), then the codes, computed inside Spark SQL.
 */
final class EncodedUnits implements AutoCloseable {
    private final TermDictionary dictionary;
    private final Reasons reasons;
    private final JavaRDD<EncodedUnit> units;

    private EncodedUnits(TermDictionary dictionary, Reasons reasons, JavaRDD<EncodedUnit> units) {
        this.dictionary = dictionary;
        this.reasons = reasons;
        this.units = units;
    }

    /**
     * Encodes units with the dimension columns ({@code categories} standing for category) and {@code reasons},
     * an array of the complaint reasons of the shipment, empty or null when none.
     */
    static EncodedUnits encode(Dataset<Row> units, List<String> dimensions, Reasons reasons, int maxFactors) {
        TermDictionary dictionary = dictionary(units, dimensions);
        dictionary.checkPackable(maxFactors);
        List<Column> codes = new ArrayList<>();
        Column categoryCodes = array().cast("array<int>");
        for (String dimension : dimensions) {
            List<String> values = new ArrayList<>();
            int offset = -1;
            for (int code = 0; code < dictionary.size(); code++) {
                if (dictionary.term(code).dimension().equals(dimension)) {
                    offset = offset < 0 ? code : offset;
                    values.add(dictionary.term(code).value());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            Column known = array(values.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
            int first = offset;
            if (Dimensions.CATEGORY.equals(dimension)) {
                categoryCodes = transform(coalesce(col("categories"), array().cast("array<string>")),
                        c -> code(known, c, first));
            } else {
                codes.add(code(known, col(dimension), first));
            }
        }
        Column mask = when(size(coalesce(col("reasons"), array().cast("array<string>"))).gt(0), lit(1L))
                .otherwise(lit(0L));
        for (int r = 1; r < reasons.size(); r++) {
            mask = mask.bitwiseOR(when(array_contains(col("reasons"), reasons.name(r)), lit(1L << r))
                    .otherwise(lit(0L)));
        }
        Column termCodes = array_sort(array_compact(concat(
                codes.isEmpty() ? array().cast("array<int>") : array(codes.toArray(Column[]::new)), categoryCodes)));
        JavaRDD<EncodedUnit> encoded = units.select(mask.as("mask"), termCodes.as("codes")).toJavaRDD()
                .map(row -> {
                    List<Integer> list = row.getList(1);
                    int[] array = new int[list.size()];
                    for (int i = 0; i < array.length; i++) {
                        array[i] = list.get(i);
                    }
                    return new EncodedUnit(row.getLong(0), array);
                })
                .persist(StorageLevel.MEMORY_ONLY());
        encoded.count();
        return new EncodedUnits(dictionary, reasons, encoded);
    }

    /** The code of a value: its position in the dimension's sorted values, after the dimension's offset. */
    private static Column code(Column known, Column value, int offset) {
        Column position = array_position(known, value);
        return when(position.gt(0), position.plus(offset - 1).cast("int"));
    }

    private static TermDictionary dictionary(Dataset<Row> units, List<String> dimensions) {
        List<Column> sets = new ArrayList<>();
        for (String dimension : dimensions) {
            sets.add(Dimensions.CATEGORY.equals(dimension) ? flatten(collect_set(col("categories")))
                    : collect_set(col(dimension)));
        }
        Row row = units.agg(sets.get(0), sets.subList(1, sets.size()).toArray(Column[]::new)).first();
        Set<Itemset.Term> terms = new LinkedHashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            for (Object value : row.getList(i)) {
                if (value != null) {
                    terms.add(new Itemset.Term(dimensions.get(i), value.toString()));
                }
            }
        }
        return new TermDictionary(terms);
    }

    TermDictionary dictionary() {
        return dictionary;
    }

    LevelCounter levelCounter() {
        return new EncodedLevelCounter(dictionary, reasons, tally -> {
            return units.<long[]>mapPartitions(part -> List.of(tally.count(part)).iterator())
                    .fold(new long[tally.slots() * tally.width()], LevelTally::sum);
        });
    }

    /**
     * Counts by stratum of {@code stratifyBy} and by (term, stratum) for {@code terms} (as {@code dimension=value}
     * keys), shipments then complaints per reason.
     */
    Confounding.StrataCounts strata(List<String> stratifyBy, Set<String> terms) {
        int[] dimensionOfCode = new int[dictionary.size()];
        boolean[] wanted = new boolean[dictionary.size()];
        for (int code = 0; code < dictionary.size(); code++) {
            Itemset.Term term = dictionary.term(code);
            dimensionOfCode[code] = stratifyBy.indexOf(term.dimension());
            wanted[code] = terms.contains(term.key());
        }
        StrataTally tally = new StrataTally(dimensionOfCode, stratifyBy.size(), wanted, reasons.size());
        StrataTally.Counts counts = units.<StrataTally.Counts>mapPartitions(part -> List.of(tally.count(part)).iterator())
                .fold(new StrataTally.Counts(new HashMap<>(), new HashMap<>()), StrataTally::merge);
        Map<String, Map<String, GroupCounts>> byTerm = new HashMap<>();
        counts.byTerm().forEach((code, strata) -> {
            Map<String, GroupCounts> groups = new HashMap<>();
            strata.forEach((stratum, c) -> groups.put(stratum, group(c)));
            byTerm.put(dictionary.term(code).key(), groups);
        });
        Map<String, GroupCounts> byStratum = new HashMap<>();
        counts.byStratum().forEach((stratum, c) -> byStratum.put(stratum, group(c)));
        return new Confounding.StrataCounts(byTerm, byStratum);
    }

    private static GroupCounts group(long[] counts) {
        long[] complaints = new long[counts.length - 1];
        System.arraycopy(counts, 1, complaints, 0, complaints.length);
        return new GroupCounts(counts[0], complaints);
    }

    @Override
    public void close() {
        units.unpersist(false);
    }
}
