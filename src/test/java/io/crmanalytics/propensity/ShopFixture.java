package io.crmanalytics.propensity;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.job.JobContext;
import io.crmanalytics.testing.SilverFixture;
import io.crmanalytics.warehouse.Layer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small shop in silver tables with a planted affinity: customers whose attribute {@code hobby} is
 * {@code reader} put 90 % of their orders in {@code books}, everyone else 10 %. Deterministic for a seed. Orders run from
 * {@code first} to {@code last}; a customer orders in a week with probability {@code weeklyRate}.
 */
final class ShopFixture {
    static final List<String> CATEGORIES = List.of("books", "garden", "toys");

    final SilverFixture customers = SilverFixture.of(DataContract.CUSTOMERS);
    final SilverFixture products = SilverFixture.of(DataContract.PRODUCTS);
    final SilverFixture orders = SilverFixture.of(DataContract.ORDERS);
    final SilverFixture lines = SilverFixture.of(DataContract.ORDER_LINES);
    final SilverFixture interactions = SilverFixture.of(DataContract.INTERACTIONS);
    final SilverFixture surveys = SilverFixture.of(DataContract.SURVEYS);
    final List<Row> attributes = new ArrayList<>();
    private int orderSeq;
    private int contactSeq;

    static ShopFixture build(int customers, LocalDate first, LocalDate last, double weeklyRate, long seed) {
        ShopFixture f = new ShopFixture();
        Random random = new Random(seed);
        for (int p = 0; p < CATEGORIES.size(); p++) {
            f.products.row("product_id", "P" + p, "category", CATEGORIES.get(p), "unit_price", String.valueOf(10 + 5 * p));
        }
        for (int c = 0; c < customers; c++) {
            String id = String.format("C%04d", c);
            boolean reader = random.nextDouble() < 0.4;
            f.customers.row("customer_id", id, "signup_date", first.minusDays(random.nextInt(300)),
                    "region", random.nextBoolean() ? "north" : "south", "vip", random.nextDouble() < 0.1);
            f.attributes.add(RowFactory.create(id, reader ? "reader" : (random.nextBoolean() ? "gardener" : "none"),
                    (double) random.nextInt(5)));
            for (LocalDate week = first; week.isBefore(last); week = week.plusDays(7)) {
                if (random.nextDouble() < weeklyRate) {
                    String category = reader ? (random.nextDouble() < 0.9 ? "books" : "toys")
                            : (random.nextDouble() < 0.1 ? "books" : random.nextBoolean() ? "garden" : "toys");
                    f.order(id, week.plusDays(random.nextInt(7)).atStartOfDay().toInstant(ZoneOffset.UTC)
                            .plusSeconds(random.nextInt(80000)), category, 1 + random.nextInt(3));
                }
                if (random.nextDouble() < 0.02) {
                    f.contact(id, week.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600), random.nextBoolean());
                }
            }
        }
        return f;
    }

    String order(String customer, Instant when, String category, int quantity) {
        String orderId = "O" + (++orderSeq);
        int product = CATEGORIES.indexOf(category);
        orders.row("order_id", orderId, "customer_id", customer, "order_ts", when,
                "total_amount", String.valueOf(quantity * (10 + 5 * product)), "channel", orderSeq % 3 == 0 ? "app" : "web");
        lines.row("order_id", orderId, "line_no", 1, "product_id", "P" + product, "quantity", quantity);
        return orderId;
    }

    void contact(String customer, Instant when, boolean complaint) {
        String id = "I" + (++contactSeq);
        interactions.row("interaction_id", id, "customer_id", customer, "channel", "phone", "started_ts", when,
                "reason_code", complaint ? "late_delivery" : "product_question", "is_complaint", complaint,
                "resolved", !complaint);
        surveys.row("survey_id", "S" + contactSeq, "customer_id", customer, "interaction_id", id,
                "survey_type", "CSAT", "score", complaint ? 2 : 5, "submitted_ts", when.plusSeconds(7200));
    }

    void write(JobContext ctx) {
        customers.write(ctx);
        products.write(ctx);
        orders.write(ctx);
        lines.write(ctx);
        interactions.write(ctx);
        surveys.write(ctx);
        StructType schema = new StructType().add("customer_id", DataTypes.StringType)
                .add("hobby", DataTypes.StringType).add("pets", DataTypes.DoubleType);
        ctx.spark().createDataFrame(attributes, schema).write().format("delta").mode(SaveMode.Overwrite)
                .save(ctx.warehouse().path(Layer.SILVER, "customer_attributes"));
    }
}
