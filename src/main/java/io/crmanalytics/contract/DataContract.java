package io.crmanalytics.contract;

import static io.crmanalytics.contract.Column.of;
import static io.crmanalytics.contract.Column.required;
import static io.crmanalytics.contract.ColumnType.BOOLEAN;
import static io.crmanalytics.contract.ColumnType.DATE;
import static io.crmanalytics.contract.ColumnType.DECIMAL;
import static io.crmanalytics.contract.ColumnType.INT;
import static io.crmanalytics.contract.ColumnType.STRING;
import static io.crmanalytics.contract.ColumnType.TIMESTAMP;

import io.crmanalytics.core.UserException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input data contract ({@code shared/data-contract.md}) as code: the single source of entity names,
 * column types, required columns, PII, keys, domains and references. Ingestion validates against it and
 * every job reads silver tables whose schema {@link Entity#silverSchema()} gives.
 */
public final class DataContract {
    public static final Entity CUSTOMERS = new Entity("customers", List.of(
            required("customer_id", STRING),
            of("signup_date", DATE),
            of("region", STRING),
            of("city", STRING),
            of("name", STRING).asPii(),
            of("email", STRING).asPii(),
            of("phone", STRING).asPii(),
            of("marketing_consent", BOOLEAN),
            of("vip", BOOLEAN)),
            List.of("customer_id"), List.of(), false);

    public static final Entity PRODUCTS = new Entity("products", List.of(
            required("product_id", STRING),
            required("category", STRING),
            of("name", STRING),
            of("unit_price", DECIMAL).atLeast(0)),
            List.of("product_id"), List.of(), false);

    public static final Entity ORDERS = new Entity("orders", List.of(
            required("order_id", STRING),
            required("customer_id", STRING),
            required("order_ts", TIMESTAMP),
            required("total_amount", DECIMAL).atLeast(0),
            of("currency", STRING),
            of("channel", STRING).oneOf("web", "app", "phone", "store", "other")),
            List.of("order_id"),
            List.of(new Reference("customer_id", "customers", "customer_id", true)), false);

    public static final Entity ORDER_LINES = new Entity("order_lines", List.of(
            required("order_id", STRING),
            required("line_no", INT),
            required("product_id", STRING),
            required("quantity", INT).greaterThan(0),
            of("unit_price", DECIMAL).atLeast(0)),
            List.of("order_id", "line_no"),
            List.of(new Reference("order_id", "orders", "order_id", true),
                    new Reference("product_id", "products", "product_id", true)), false);

    public static final Entity SHIPMENTS = new Entity("shipments", List.of(
            required("shipment_id", STRING),
            required("order_id", STRING),
            required("carrier", STRING),
            of("warehouse", STRING),
            of("ship_method", STRING),
            of("origin_region", STRING),
            of("dest_region", STRING),
            required("shipped_ts", TIMESTAMP),
            of("promised_date", DATE),
            of("delivered_ts", TIMESTAMP),
            of("status", STRING).oneOf("delivered", "in_transit", "lost", "returned")),
            List.of("shipment_id"),
            List.of(new Reference("order_id", "orders", "order_id", true)), false);

    public static final Entity INTERACTIONS = new Entity("interactions", List.of(
            required("interaction_id", STRING),
            of("customer_id", STRING),
            required("channel", STRING).oneOf("phone", "email", "chat", "ivr", "social", "sms", "store"),
            of("direction", STRING).oneOf("inbound", "outbound"),
            required("started_ts", TIMESTAMP),
            of("ended_ts", TIMESTAMP),
            of("wait_seconds", INT).atLeast(0),
            of("handle_seconds", INT).atLeast(0),
            of("agent_id", STRING),
            of("queue", STRING),
            of("order_id", STRING),
            of("reason_code", STRING).oneOf("late_delivery", "damaged", "wrong_item", "missing_item", "billing",
                    "return", "product_question", "account", "other"),
            of("is_complaint", BOOLEAN),
            of("resolved", BOOLEAN),
            of("notes", STRING)),
            List.of("interaction_id"),
            List.of(new Reference("customer_id", "customers", "customer_id", false)), false);

    public static final Entity SURVEYS = new Entity("surveys", List.of(
            required("survey_id", STRING),
            required("customer_id", STRING),
            of("interaction_id", STRING),
            required("survey_type", STRING).oneOf("CSAT", "NPS", "CES"),
            required("score", INT),
            required("submitted_ts", TIMESTAMP),
            of("comment", STRING)),
            List.of("survey_id"),
            List.of(new Reference("customer_id", "customers", "customer_id", true)), false);

    public static final Entity IVR_EVENTS = new Entity("ivr_events", List.of(
            required("call_id", STRING),
            required("event_ts", TIMESTAMP),
            required("node", STRING),
            required("event", STRING).oneOf("enter", "exit", "zero_out", "abandon", "self_served", "transfer"),
            of("customer_id", STRING)),
            List.of(), List.of(), false);

    public static final Entity CUSTOMER_ATTRIBUTES = new Entity("customer_attributes", List.of(
            required("customer_id", STRING)),
            List.of("customer_id"), List.of(), true);

    /**
     * The score range of each {@code surveys.survey_type}: a score is validated against its row's type, which
     * a per-column minimum cannot express. Keys are the contract's spelling of the type.
     */
    public static final Map<String, ScoreRange> SURVEY_SCORE_RANGES = Map.of(
            "CSAT", new ScoreRange(1, 5),
            "NPS", new ScoreRange(0, 10),
            "CES", new ScoreRange(1, 7));

    /**
     * Time orders within a row, beyond the shared contract (see docs/ingest.md, "Rules beyond the contract").
     */
    public static final List<TimeOrder> TIME_ORDERS = List.of(
            new TimeOrder("shipments", "shipped_ts", "delivered_ts", "delivered_before_shipped"),
            new TimeOrder("interactions", "started_ts", "ended_ts", "ended_before_started"));

    /**
     * Dates that speak of the future by nature, as {@code entity.column}: exempt from the rule that a date or
     * time may not lie in the future.
     */
    public static final java.util.Set<String> FUTURE_ALLOWED = java.util.Set.of("shipments.promised_date");

    /** In dependency order: an entity comes after the entities it references. */
    public static final List<Entity> ENTITIES = List.of(CUSTOMERS, PRODUCTS, ORDERS, ORDER_LINES, SHIPMENTS,
            INTERACTIONS, SURVEYS, IVR_EVENTS, CUSTOMER_ATTRIBUTES);

    private DataContract() {
    }

    public static Entity entity(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ENTITIES.stream().filter(e -> e.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new UserException("unknown entity '" + name + "'; the contract has "
                        + ENTITIES.stream().map(Entity::name).toList()));
    }
}
