package io.crmanalytics.sample;

import io.crmanalytics.contract.DataContract;
import io.crmanalytics.contract.Entity;
import java.util.List;

/** Every file the generator writes: the contract entities (headers straight from the contract) and the truths. */
enum OutputTable {
    CUSTOMERS(DataContract.CUSTOMERS),
    PRODUCTS(DataContract.PRODUCTS),
    ORDERS(DataContract.ORDERS),
    ORDER_LINES(DataContract.ORDER_LINES),
    SHIPMENTS(DataContract.SHIPMENTS),
    INTERACTIONS(DataContract.INTERACTIONS),
    SURVEYS(DataContract.SURVEYS),
    IVR_EVENTS(DataContract.IVR_EVENTS),
    CUSTOMER_ATTRIBUTES("customer_attributes", DataContract.CUSTOMER_ATTRIBUTES, List.of("customer_id", "age_band",
            "loyalty_points", "newsletter_clicks", "preferred_device", "household_size")),
    PROPENSITY_TRUTH("ground_truth_propensity", null, List.of("customer_id", "category", "true_probability",
            "posterior_probability")),
    CUSTOMER_TRUTH("ground_truth_customers", null, List.of("customer_id", "purchase_rate_per_week",
            "dropout_probability", "spend_nu", "mean_order_value", "first_purchase_ts", "alive_at_cutoff",
            "alive_at_run_date", "enthusiast_of")),
    /** Per interaction, what it is truly about: the order and shipment (empty when about none). */
    INTERACTION_TRUTH("ground_truth_interactions", null, List.of("interaction_id", "order_id", "shipment_id",
            "delivery_problem"));

    private final String baseName;
    private final Entity entity;
    private final List<String> header;

    OutputTable(Entity entity) {
        this(entity.name(), entity, entity.columns().stream().map(c -> c.name()).toList());
    }

    OutputTable(String baseName, Entity entity, List<String> header) {
        this.baseName = baseName;
        this.entity = entity;
        this.header = header;
    }

    String fileName() {
        return baseName + ".csv";
    }

    String baseName() {
        return baseName;
    }

    /** The contract entity, or null for the ground-truth file. */
    Entity entity() {
        return entity;
    }

    List<String> header() {
        return header;
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(baseName + " has no column " + name);
        }
        return index;
    }

    /** A row of empty values in this table's column order. */
    String[] newRow() {
        String[] row = new String[header.size()];
        java.util.Arrays.fill(row, "");
        return row;
    }
}
