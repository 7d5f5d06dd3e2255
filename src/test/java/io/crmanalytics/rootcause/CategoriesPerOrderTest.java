package io.crmanalytics.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crmanalytics.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The categories of each order: the bit-mask path (up to 63 categories) and the set path agree with the truth. */
class CategoriesPerOrderTest {
    private static final StructType LINES = new StructType()
            .add("order_id", DataTypes.StringType)
            .add("category", DataTypes.StringType);

    @Test
    void bitMaskPathListsEachOrdersDistinctCategoriesSorted() {
        // 63 categories: the largest catalogue the mask takes (bits 0 to 62 of the long).
        check(catalogue(63));
    }

    @Test
    void largerCataloguesCollectSets() {
        check(catalogue(70));
    }

    private static List<String> catalogue(int size) {
        // Names whose sorted order differs from their creation order.
        return IntStream.range(0, size).mapToObj(i -> "cat-" + ((i * 37) % size)).toList();
    }

    private static void check(List<String> catalogue) {
        List<Row> lines = new ArrayList<>();
        Map<String, TreeSet<String>> truth = new TreeMap<>();
        for (int order = 0; order < 40; order++) {
            String id = "O" + order;
            // Orders of 1 to 4 lines, repeats included; order 0 gets the lexically last category alone.
            int count = 1 + order % 4;
            for (int line = 0; line < count; line++) {
                String category = order == 0 ? catalogue.stream().max(String::compareTo).orElseThrow()
                        : catalogue.get((order * 7 + line * 11) % catalogue.size() / (line == 3 ? 2 : 1));
                lines.add(RowFactory.create(id, category));
                truth.computeIfAbsent(id, k -> new TreeSet<>()).add(category);
            }
            if (order % 5 == 0) {
                lines.add(RowFactory.create(id, catalogue.get(order % catalogue.size())));   // a repeated line
                truth.get(id).add(catalogue.get(order % catalogue.size()));
            }
        }
        Dataset<Row> input = SharedSpark.session().createDataFrame(lines, LINES);
        Map<String, List<String>> found = new TreeMap<>();
        for (Row r : ShipmentFacts.categoriesPerOrder(input, catalogue).collectAsList()) {
            found.put(r.getString(0), r.getList(1));
        }
        Map<String, List<String>> expected = new TreeMap<>();
        truth.forEach((order, categories) -> expected.put(order, List.copyOf(categories)));
        assertEquals(expected, found);
    }
}
