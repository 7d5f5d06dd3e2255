package io.crmanalytics.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output contract as code, the counterpart of {@link DataContract}: every gold table's name, the job that owns
 * it, its columns in the order the job writes them (Spark type and a one-line description each), its key, which
 * columns hold a customer id or personal data, and what the publish gates check beyond the PII gate.
 *
 * <p>Jobs write gold tables only through {@code JobContext.writeGold}, which calls {@link #check}: a missing or
 * mistyped column fails the job with one line naming the table and the column, and so does a column the contract
 * does not declare, so this class stays the complete description of gold. Adding a column to a job means adding it
 * here, with its description (the data dictionary of the exports is built from it). Column order is not checked:
 * readers select by name. Nullability is not part of a column's type; the gates check the columns that must not
 * be null.
 *
 * <p>Publish's gates and data dictionary, the segments and customer_360, the report and the jobs' declared inputs
 * and outputs all read it.
 */
public final class GoldContract {
    /**
     * Descriptions of column names that mean the same in every table (the data dictionary uses them for a column
     * a table does not describe itself).
     */
    public static final Map<String, String> SHARED_DESCRIPTIONS = Map.ofEntries(
            Map.entry("customer_id",
                    "Customer key, as in the input's customers file. The only customer identifier in exports."),
            Map.entry("run_date",
                    "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run."),
            Map.entry("interaction_id", "Contact key, as in the input's interactions file."),
            Map.entry("order_id", "Order key, as in the input's orders file."),
            Map.entry("shipment_id", "Shipment key, as in the input's shipments file (ERP)."),
            Map.entry("complaint_reason",
                    "Reason of the complaints considered: 'all' for every complaint, else one reason code "
                            + "(late_delivery, damaged, wrong_item, missing_item, billing, return)."),
            Map.entry("factors",
                    "The group of shipments: dimension=value terms joined by ' AND ', in dimension-name order, "
                            + "e.g. carrier=SwiftShip AND warehouse=WH-2."),
            Map.entry("product_category", "Product category (the level propensity scores are computed at)."),
            Map.entry("category", "Product category (the level propensity scores are computed at)."),
            Map.entry("propensity",
                    "Calibrated probability, in [0,1], that the customer buys in the category within the outcome "
                            + "window."),
            Map.entry("value_tier",
                    "Value tier by CLV: platinum (top 5%), gold (next 15%), silver (next 30%), bronze (rest), "
                            + "unless configured otherwise."),
            Map.entry("carrier", "Carrier of the shipment."),
            Map.entry("p_value", "Two-sided p-value of the test that the group's complaint rate equals the rest's."),
            Map.entry("q_value",
                    "Benjamini-Hochberg adjusted p-value over every hypothesis tested in the run (false discovery "
                            + "rate)."));

    /** Descriptions of column families, by name suffix, e.g. every {@code <metric>_percentile}. */
    public static final Map<String, String> SUFFIX_DESCRIPTIONS = Map.of("_percentile",
            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = the highest "
                    + "value in the team).");

    public static final GoldTable COMPLAINT_ATTRIBUTION = table("complaint_attribution", "root_causes",
            "Each complaint and the shipment it is attributed to (crm root-causes).",
            List.of(
                    column("interaction_id", "string",
                            "Contact key, as in the input's interactions file."),
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("contact_ts", "timestamp",
                            "When the complaint contact started."),
                    column("complaint_reason", "string",
                            "Reason of the complaints considered: 'all' for every complaint, else one reason code " +
                            "(late_delivery, damaged, wrong_item, missing_item, billing, return)."),
                    column("detected_by", "string",
                            "How the interaction was recognised as a complaint (flag, reason code, or the notes " +
                            "model)."),
                    column("shipment_id", "string",
                            "Shipment key, as in the input's shipments file (ERP)."),
                    column("order_id", "string",
                            "Order key, as in the input's orders file."),
                    column("method", "string",
                            "How the complaint was linked to a shipment: order_id, window, or unattributed."),
                    column("unattributed_reason", "string",
                            "Why no shipment was found, for unattributed complaints."),
                    column("attribution_basis", "string",
                            "How the shipment was chosen among the candidates, judged by their state at the contact: " +
                            "only_candidate, best_fit (one fits the reason best), most_recent_fitting (several fit, " +
                            "the latest taken), ambiguous or no_fit (window complaints left unattributed)."),
                    column("candidate_shipments", "int",
                            "How many shipments were candidates (the named order's, or the customer's in the window)."),
                    column("shipment_problem", "boolean",
                            "Problem of the attributed shipment (e.g. late, lost), if any."),
                    column("delivery_status", "string",
                            "Delivery status of the attributed shipment: on_time, late or not_delivered."),
                    column("days_after_delivery", "double",
                            "Days from the shipment's delivery (or promised date) to the contact."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("interaction_id"),
            gates(List.of("interaction_id", "method"), Map.of("shipment_id", "shipments"), true));

    public static final GoldTable COMPLAINT_ROOT_CAUSES = table("complaint_root_causes", "root_causes",
            "Groups of shipments (factors and combinations) whose complaint rate is over-represented," +
            " with their statistics (crm root-causes).",
            List.of(
                    column("complaint_reason", "string",
                            "Reason of the complaints considered: 'all' for every complaint, else one reason code " +
                            "(late_delivery, damaged, wrong_item, missing_item, billing, return)."),
                    column("factors", "string",
                            "The group of shipments: dimension=value terms joined by ' AND ', in dimension-name " +
                            "order, e.g. carrier=SwiftShip AND warehouse=WH-2."),
                    column("num_factors", "int",
                            "Number of dimension=value terms in factors."),
                    column("shipments", "bigint",
                            "Shipments in the group over the analysis period."),
                    column("complaints", "bigint",
                            "Complaints attributed to shipments of the group."),
                    column("shipment_share", "double",
                            "Group's share of all shipments."),
                    column("complaint_share", "double",
                            "Group's share of the complaints considered."),
                    column("complaint_rate", "double",
                            "Complaints per shipment in the group."),
                    column("lift", "double",
                            "Risk ratio: the group's complaint rate over the rate of the shipments outside it."),
                    column("lift_ci_low", "double",
                            "Lower bound of the 95% confidence interval of lift."),
                    column("lift_ci_high", "double",
                            "Upper bound of the 95% confidence interval of lift."),
                    column("p_value", "double",
                            "Two-sided p-value of the test that the group's complaint rate equals the rest's."),
                    column("q_value", "double",
                            "Benjamini-Hochberg adjusted p-value over every hypothesis tested in the run (false " +
                            "discovery rate)."),
                    column("adjusted_lift", "double",
                            "Lift controlling for the other top factors (confounding check)."),
                    column("rank", "int",
                            "Order of the finding within its complaint_reason by what it adds beyond the findings " +
                            "ranked above it (1 = most)."),
                    column("information_gain", "double",
                            "Log-likelihood (nats) the finding adds to a model of complaints that already holds the " +
                            "findings ranked above it."),
                    column("explained_by", "string",
                            "The finding ranked above this one that accounts for most of its excess complaints (e.g. " +
                            "the interaction a single factor is part of)."),
                    column("residual_lift", "double",
                            "Lift of the finding's shipments outside explained_by against the other shipments " +
                            "outside it."),
                    column("residual_lift_ci_low", "double",
                            "Lower bound of the 95% confidence interval of residual_lift."),
                    column("residual_lift_ci_high", "double",
                            "Upper bound of the 95% confidence interval of residual_lift."),
                    column("aliases", "string",
                            "Other factor combinations that select exactly the same shipments, separated by '; '."),
                    column("summary", "string",
                            "The finding in one plain-language sentence."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("complaint_reason", "factors"),
            gates(List.of("complaint_reason", "factors", "lift"), Map.of(), false));

    public static final GoldTable COMPLAINT_TRENDS = table("complaint_trends", "root_causes",
            "Per factor, the complaint rate of the recent window against the baseline before it (crm " +
            "root-causes).",
            List.of(
                    column("complaint_reason", "string",
                            "Reason of the complaints considered: 'all' for every complaint, else one reason code " +
                            "(late_delivery, damaged, wrong_item, missing_item, billing, return)."),
                    column("factors", "string",
                            "The group of shipments: dimension=value terms joined by ' AND ', in dimension-name " +
                            "order, e.g. carrier=SwiftShip AND warehouse=WH-2."),
                    column("baseline_shipments", "bigint",
                            "Shipments of the group in the baseline window."),
                    column("baseline_complaints", "bigint",
                            "Complaints of the group in the baseline window."),
                    column("baseline_rate", "double",
                            "Complaint rate in the baseline window."),
                    column("recent_shipments", "bigint",
                            "Shipments of the group in the recent window."),
                    column("recent_complaints", "bigint",
                            "Complaints of the group in the recent window."),
                    column("recent_rate", "double",
                            "Complaint rate in the recent window."),
                    column("rate_ratio", "double",
                            "Recent rate over baseline rate."),
                    column("p_value", "double",
                            "Two-sided p-value of the test that the group's complaint rate equals the rest's."),
                    column("q_value", "double",
                            "Benjamini-Hochberg adjusted p-value over every hypothesis tested in the run (false " +
                            "discovery rate)."),
                    column("emerging", "boolean",
                            "True when the factor became significantly over-represented in the recent window."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("complaint_reason", "factors"),
            gates(List.of("complaint_reason", "factors"), Map.of(), false));

    public static final GoldTable COMPLAINT_CLASSIFIER_EVALUATION = table("complaint_classifier_evaluation", "root_causes",
            "How well the complaint detector's notes model does on held-out labeled notes, per model " +
            "and label (written by crm root-causes).",
            List.of(
                    column("model", "string",
                            "The classifier evaluated (the notes model, or the rule it is compared with)."),
                    column("label", "string",
                            "The label predicted: whether a contact is a complaint, or its complaint reason."),
                    column("train_rows", "bigint",
                            "Labeled notes the model was trained on."),
                    column("test_rows", "bigint",
                            "Held-out labeled notes it was evaluated on."),
                    column("correct", "bigint",
                            "Held-out notes it labeled correctly."),
                    column("accuracy", "double",
                            "correct / test_rows."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable CUSTOMER_VALUE = table("customer_value", "clv",
            "Customer value per customer: RFM scores and segment, BG/NBD and Gamma-Gamma figures, CLV" +
            " and value tier (crm clv).",
            List.of(
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run."),
                    column("frequency", "int",
                            "Number of repeat purchase occasions (distinct order days after the first) up to the " +
                            "calibration end."),
                    column("recency", "double",
                            "Time from the first to the last purchase occasion, in the model's time unit."),
                    column("T", "double",
                            "Time from the first purchase occasion to the calibration end, in the model's time unit."),
                    column("monetary_value", "decimal(18,4)",
                            "Mean amount per repeat purchase occasion (0 when frequency is 0)."),
                    column("rfm_recency", "int",
                            "RFM recency score, 1-5 (quintile; 5 = most recent)."),
                    column("rfm_frequency", "int",
                            "RFM frequency score, 1-5 (quintile; 5 = most frequent)."),
                    column("rfm_monetary", "int",
                            "RFM monetary score, 1-5 (quintile; 5 = highest spend)."),
                    column("rfm_segment", "string",
                            "Named RFM segment: Champions, Loyal, Potential loyalist, New, At risk, Can't lose them, " +
                            "Hibernating, Lost."),
                    column("expected_purchases", "double",
                            "Expected repeat purchases over the horizon (BG/NBD conditional expectation)."),
                    column("probability_alive", "double",
                            "Probability the customer is still active (BG/NBD)."),
                    column("expected_average_value", "decimal(18,4)",
                            "Expected average order value (Gamma-Gamma)."),
                    column("clv", "decimal(18,4)",
                            "Customer lifetime value: discounted expected margin over the horizon."),
                    column("value_tier", "string",
                            "Value tier by CLV: platinum (top 5%), gold (next 15%), silver (next 30%), bronze (rest)," +
                            " unless configured otherwise."),
                    column("high_value_at_risk", "boolean",
                            "High CLV tier with a low probability alive or falling frequency.")),
            List.of("customer_id"),
            gates(List.of("customer_id", "value_tier", "rfm_segment", "clv", "probability_alive"), Map.of("customer_id", "customers"), true));

    public static final GoldTable CLV_MODEL = table("clv_model", "clv",
            "Fitted parameters of the BG/NBD and Gamma-Gamma models, long form (crm clv).",
            List.of(
                    column("model", "string",
                            "bgnbd or gamma_gamma."),
                    column("parameter", "string",
                            "Parameter name (r, alpha, a, b; p, q, gamma; log_likelihood, n_customers, converged, " +
                            "standard errors)."),
                    column("value", "double",
                            "Parameter value."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable CLV_VALIDATION = table("clv_validation", "clv",
            "Holdout validation of the BG/NBD model: repeat purchases in the holdout period, actual " +
            "against predicted, overall and per calibration frequency (written by crm clv " +
            "--holdout-end).",
            List.of(
                    column("view", "string",
                            "The grouping: overall, or by calibration frequency."),
                    column("bucket", "string",
                            "The group within the view (e.g. a calibration frequency, 7+ for seven or more)."),
                    column("customers", "bigint",
                            "Customers in the group."),
                    column("actual", "double",
                            "Repeat purchases the group made in the holdout period."),
                    column("predicted", "double",
                            "Repeat purchases the model expected of the group in the holdout period."),
                    column("mean_absolute_error", "double",
                            "Mean absolute error per customer of the predicted repeat purchases."),
                    column("calibration_end", "date",
                            "Last day of the calibration period the model was fitted on."),
                    column("holdout_end", "date",
                            "Last day of the holdout period."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable PROPENSITY_SCORES = table("propensity_scores", "propensity",
            "Propensity to buy in each product category within the outcome window, per customer (crm " +
            "propensity).",
            List.of(
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("product_category", "string",
                            "Product category (the level propensity scores are computed at)."),
                    column("propensity", "double",
                            "Calibrated probability, in [0,1], that the customer buys in the category within the " +
                            "outcome window."),
                    column("decile", "int",
                            "Decile of the propensity within the category."),
                    column("model", "string",
                            "Model that produced the score (e.g. logistic regression or gradient-boosted trees)."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("customer_id", "product_category"),
            gates(List.of("customer_id", "product_category", "propensity", "decile"), Map.of("customer_id", "customers"), true));

    public static final GoldTable NEXT_BEST_OFFER = table("next_best_offer", "propensity",
            "Per customer, the product category with the highest expected value to offer next (crm " +
            "propensity).",
            List.of(
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("product_category", "string",
                            "Product category (the level propensity scores are computed at)."),
                    column("propensity", "double",
                            "Calibrated probability, in [0,1], that the customer buys in the category within the " +
                            "outcome window."),
                    column("expected_order_value", "double",
                            "Expected order value of the customer in the category (shrunk towards the category's " +
                            "average)."),
                    column("expected_value", "double",
                            "Propensity times the expected order value in the category."),
                    column("reason", "string",
                            "The strongest features behind the offer, in words an agent can read."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("customer_id"),
            gates(List.of("customer_id", "propensity"), Map.of("customer_id", "customers"), true));

    public static final GoldTable PROPENSITY_EVALUATION = table("propensity_evaluation", "propensity",
            "Model evaluation per product category (crm propensity).",
            List.of(
                    column("product_category", "string",
                            "Product category (the level propensity scores are computed at)."),
                    column("chosen_model", "string",
                            "Model chosen on the time-based validation window."),
                    column("model_params", "string",
                            "Hyper-parameters of the chosen model."),
                    column("auc", "double",
                            "Area under the ROC curve on the validation window."),
                    column("pr_auc", "double",
                            "Area under the precision-recall curve."),
                    column("top_decile_lift", "double",
                            "Buy rate of the top decile over the overall buy rate."),
                    column("cumulative_gains", "array<double>",
                            "Share of buyers captured by the top 1..10 deciles."),
                    column("calibration_error", "double",
                            "Mean absolute difference between predicted and observed buy rates by decile."),
                    column("training_rows", "bigint",
                            "Customers in the training window."),
                    column("training_positives", "bigint",
                            "Buyers in the training window."),
                    column("validation_rows", "bigint",
                            "Customers in the validation window."),
                    column("validation_positives", "bigint",
                            "Buyers in the validation window."),
                    column("lr_validation_auc", "double",
                            "Validation AUC of the logistic regression."),
                    column("gbt_validation_auc", "double",
                            "Validation AUC of the gradient-boosted trees."),
                    column("lr_cv_auc", "double",
                            "Cross-validated AUC of the logistic regression."),
                    column("gbt_cv_auc", "double",
                            "Cross-validated AUC of the gradient-boosted trees."),
                    column("training_cutoff", "date",
                            "Feature cut-off date of the training rows."),
                    column("validation_cutoff", "date",
                            "Feature cut-off date of the validation rows."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable PROPENSITY_RELIABILITY = table("propensity_reliability", "propensity",
            "Reliability table: predicted against observed buy rate per propensity decile (crm " +
            "propensity).",
            List.of(
                    column("product_category", "string",
                            "Product category (the level propensity scores are computed at)."),
                    column("decile", "int",
                            "Decile of predicted propensity (1 = lowest, 10 = highest) the row describes."),
                    column("rows", "bigint",
                            "Customers in the decile."),
                    column("mean_predicted", "double",
                            "Mean calibrated propensity in the decile."),
                    column("observed_rate", "double",
                            "Observed buy rate in the decile."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable AGENT_SCORECARD = table("agent_scorecard", "service",
            "Per agent and month: contact-center KPIs with the agent's percentile in the team (crm " +
            "service).",
            List.of(
                    column("month", "string",
                            "Month of the contacts' start, yyyy-MM."),
                    column("agent_id", "string",
                            "Agent key, as in the interactions file."),
                    column("team", "string",
                            "The queue the agent answered most that month."),
                    column("contacts_handled", "bigint",
                            "Contacts the agent answered."),
                    column("average_speed_of_answer_seconds", "double",
                            "Mean wait before the agent answered, in seconds."),
                    column("average_handle_seconds", "double",
                            "Mean handle time (talk + wrap-up), in seconds."),
                    column("first_contact_resolution_rate", "double",
                            "Share resolved with no contact from the same customer and reason within the repeat " +
                            "window."),
                    column("repeat_contact_rate", "double",
                            "Share followed by another contact from the same customer within the repeat window."),
                    column("transfer_rate", "double",
                            "Share of contacts transferred to another agent."),
                    column("average_csat", "double",
                            "Mean score of the CSAT surveys following the agent's contacts."),
                    column("csat_responses", "bigint",
                            "CSAT surveys behind average_csat."),
                    column("complaint_share", "double",
                            "Share of the agent's contacts that are complaints."),
                    column("workload_share", "double",
                            "The agent's contacts over the team's that month."),
                    column("contacts_handled_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("average_speed_of_answer_seconds_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("average_handle_seconds_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("first_contact_resolution_rate_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("repeat_contact_rate_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("transfer_rate_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("average_csat_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("complaint_share_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("workload_share_percentile", "double",
                            "The agent's percentile in the team for the metric before the suffix (cume_dist: 1.0 = " +
                            "the highest value in the team)."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable CHANNEL_KPIS = table("channel_kpis", "service",
            "Per channel and day: volume and service KPIs (crm service).",
            List.of(
                    column("channel", "string",
                            "Contact channel."),
                    column("day", "date",
                            "Day of the contacts."),
                    column("volume", "bigint",
                            "Inbound contacts."),
                    column("answered", "bigint",
                            "Contacts an agent answered."),
                    column("abandoned", "bigint",
                            "Live contacts no agent took."),
                    column("service_level", "double",
                            "Answered within the threshold over queued contacts (live channels only)."),
                    column("abandon_rate", "double",
                            "Abandoned over queued contacts."),
                    column("average_handle_seconds", "double",
                            "Mean handle time of answered contacts, in seconds."),
                    column("first_contact_resolution_rate", "double",
                            "Share resolved at first contact."),
                    column("ivr_calls", "bigint",
                            "IVR calls that day (ivr row)."),
                    column("ivr_self_served", "bigint",
                            "IVR calls that reached self_served."),
                    column("self_service_share", "double",
                            "IVR self-served calls over IVR calls."),
                    column("service_level_threshold_seconds", "int",
                            "Threshold of the service level, in seconds."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable IVR_FUNNEL = table("ivr_funnel", "service",
            "Per IVR menu node: entries, exits, self-service, zero-outs and abandons; abnormal nodes " +
            "flagged (crm service).",
            List.of(
                    column("node", "string",
                            "Menu node, e.g. main>orders>track."),
                    column("parent", "string",
                            "Parent node."),
                    column("depth", "int",
                            "Depth in the menu (main = 0)."),
                    column("entries", "bigint",
                            "Calls with any event at the node."),
                    column("exits_to_children", "map<string,bigint>",
                            "Map child node -> calls entering it."),
                    column("calls_to_children", "bigint",
                            "Calls that went on to a child node."),
                    column("self_served", "bigint",
                            "Calls self-served at the node."),
                    column("zero_outs", "bigint",
                            "Calls that asked for an agent here."),
                    column("abandons", "bigint",
                            "Calls that hung up here."),
                    column("transfers", "bigint",
                            "Calls transferred here."),
                    column("zero_out_rate", "double",
                            "Zero-outs over entries."),
                    column("abandon_rate", "double",
                            "Abandons over entries."),
                    column("drop_off_rate", "double",
                            "Entries that neither went on nor were self-served here."),
                    column("containment_rate", "double",
                            "Entries whose call ended self-served without an agent."),
                    column("options", "int",
                            "Child nodes callers chose."),
                    column("agent_option", "boolean",
                            "Callers zeroed out here."),
                    column("problem_rate", "double",
                            "Zero-outs and abandons over entries."),
                    column("other_nodes_problem_rate", "double",
                            "Pooled problem rate of all other nodes."),
                    column("rate_ratio", "double",
                            "problem_rate over other_nodes_problem_rate."),
                    column("rate_ratio_ci_low", "double",
                            "Lower bound of the 95% interval of rate_ratio."),
                    column("rate_ratio_ci_high", "double",
                            "Upper bound of the 95% interval of rate_ratio."),
                    column("p_value", "double",
                            "Two-sided p-value of the test that the group's complaint rate equals the rest's."),
                    column("q_value", "double",
                            "Benjamini-Hochberg adjusted p-value over every hypothesis tested in the run (false " +
                            "discovery rate)."),
                    column("flagged", "boolean",
                            "Abnormal node: q_value within the FDR and rate ratio at least the configured minimum."),
                    column("note", "string",
                            "Why the node is flagged, or a warning about too many options."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable CX_SCORES = table("cx_scores", "service",
            "NPS, CSAT and CES overall and by channel, reason, agent, region and month (crm service).",
            List.of(
                    column("dimension", "string",
                            "overall, channel, reason, agent, region or month."),
                    column("value", "string",
                            "Value of the dimension (all for overall)."),
                    column("nps_responses", "bigint",
                            "NPS answers."),
                    column("promoters", "bigint",
                            "NPS answers 9-10."),
                    column("passives", "bigint",
                            "NPS answers 7-8."),
                    column("detractors", "bigint",
                            "NPS answers 0-6."),
                    column("nps", "double",
                            "Net promoter score: % promoters - % detractors (-100..100)."),
                    column("nps_ci_low", "double",
                            "Lower bound of the 95% interval of nps."),
                    column("nps_ci_high", "double",
                            "Upper bound of the 95% interval of nps."),
                    column("csat_responses", "bigint",
                            "CSAT answers."),
                    column("csat_satisfied", "bigint",
                            "CSAT answers 4 or 5."),
                    column("csat_share", "double",
                            "Share of CSAT answers that are 4 or 5."),
                    column("ces_responses", "bigint",
                            "CES answers."),
                    column("ces_average", "double",
                            "Mean CES (1-7, lower = less effort)."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable CX_DRIVERS = table("cx_drivers", "service",
            "Contact attributes that go with a detractor or a low CSAT, with effect sizes (crm " +
            "service).",
            List.of(
                    column("outcome", "string",
                            "nps_detractor or low_csat."),
                    column("attribute", "string",
                            "Contact attribute (late_delivery, repeat_contact, long_wait, channel, carrier, ...)."),
                    column("level", "string",
                            "Value of the attribute."),
                    column("surveys_with", "bigint",
                            "Surveys whose contact has the attribute level."),
                    column("bad_with", "bigint",
                            "Of those, surveys with a bad outcome."),
                    column("bad_rate_with", "double",
                            "bad_with / surveys_with."),
                    column("surveys_without", "bigint",
                            "Surveys whose contact does not have the attribute level."),
                    column("bad_without", "bigint",
                            "Of those, surveys with a bad outcome."),
                    column("bad_rate_without", "double",
                            "bad_without / surveys_without."),
                    column("odds_ratio", "double",
                            "Odds ratio of a bad score with the level against without."),
                    column("odds_ratio_ci_low", "double",
                            "Lower bound of the 95% confidence interval of the odds ratio."),
                    column("odds_ratio_ci_high", "double",
                            "Upper bound of the 95% confidence interval of the odds ratio."),
                    column("risk_ratio", "double",
                            "Risk ratio of a bad score with the level against without."),
                    column("risk_ratio_ci_low", "double",
                            "Lower bound of the 95% confidence interval of the risk ratio."),
                    column("risk_ratio_ci_high", "double",
                            "Upper bound of the 95% confidence interval of the risk ratio."),
                    column("p_value", "double",
                            "Two-sided p-value of the test that the group's complaint rate equals the rest's."),
                    column("q_value", "double",
                            "Benjamini-Hochberg adjusted p-value over every hypothesis tested in the run (false " +
                            "discovery rate)."),
                    column("raises_odds", "boolean",
                            "Significant (q within the FDR) and the odds ratio's interval wholly above 1."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable QUEUE_KPIS = table("queue_kpis", "service",
            "Per queue: wait, service level and desk idle share, to judge VIP desks (crm service).",
            List.of(
                    column("queue", "string",
                            "Queue name."),
                    column("vip_queue", "boolean",
                            "The queue name contains vip."),
                    column("contacts", "bigint",
                            "Inbound contacts routed to the queue."),
                    column("answered", "bigint",
                            "Of those, contacts an agent answered."),
                    column("abandoned", "bigint",
                            "Of those, contacts abandoned while queued."),
                    column("average_wait_seconds", "double",
                            "Mean wait of live contacts, in seconds."),
                    column("p90_wait_seconds", "int",
                            "90th percentile of the wait, in seconds."),
                    column("service_level", "double",
                            "Answered within the threshold over queued contacts."),
                    column("abandon_rate", "double",
                            "Abandoned over queued contacts."),
                    column("vip_customer_share", "double",
                            "Share of the queue's contacts from VIP customers."),
                    column("desk_days", "bigint",
                            "Agent-days assigned to the queue."),
                    column("desk_busy_seconds", "bigint",
                            "Sum of handle times of those desks."),
                    column("desk_span_seconds", "bigint",
                            "Sum of the desks' first-to-last contact spans."),
                    column("desk_idle_share", "double",
                            "1 - busy / span: a lower bound of the desks' idle share."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable SELF_SERVICE_OPPORTUNITIES = table("self_service_opportunities", "service",
            "Contact reasons ranked by the agent time self-service could save, with the 80/20 check " +
            "(crm service).",
            List.of(
                    column("reason", "string",
                            "Contact reason (reason code, or predicted)."),
                    column("opportunity_rank", "int",
                            "Rank of candidates by agent hours (1 = most time to save)."),
                    column("candidate", "boolean",
                            "Simple and repeatable: a candidate for self-service."),
                    column("contacts", "bigint",
                            "Contacts with the reason."),
                    column("predicted_reason_contacts", "bigint",
                            "Of those, contacts whose reason was predicted."),
                    column("customers", "bigint",
                            "Distinct customers with the reason."),
                    column("first_contact_resolution_rate", "double",
                            "Share resolved at first contact."),
                    column("average_handle_seconds", "double",
                            "Mean handle time, in seconds."),
                    column("agent_hours", "double",
                            "Sum of handle time of answered contacts, in hours."),
                    column("contact_share", "double",
                            "Share of all contacts."),
                    column("volume_rank", "int",
                            "Rank by contacts."),
                    column("cumulative_contact_share", "double",
                            "Cumulative share down the volume ranking."),
                    column("in_top_20_percent", "boolean",
                            "Among the top 20% of reasons by volume."),
                    column("top_20_percent_contact_share", "double",
                            "Share of contacts the top 20% of reasons cover."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    public static final GoldTable PROACTIVE_OUTREACH = table("proactive_outreach", "service",
            "Late or at-risk shipments whose customer has not contacted us about them, ranked for " +
            "proactive contact (crm service).",
            List.of(
                    column("shipment_id", "string",
                            "Shipment key, as in the input's shipments file (ERP)."),
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("order_id", "string",
                            "Order key, as in the input's orders file."),
                    column("carrier", "string",
                            "Carrier of the shipment."),
                    column("days_late", "int",
                            "Days past the promised date (or past the route's usual transit time)."),
                    column("value_tier", "string",
                            "Value tier by CLV: platinum (top 5%), gold (next 15%), silver (next 30%), bronze (rest)," +
                            " unless configured otherwise."),
                    column("suggested_action", "string",
                            "What to do, from the configured rules (e.g. notify; notify with a discount)."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("shipment_id"),
            gates(List.of("shipment_id", "customer_id"), Map.of("customer_id", "customers", "shipment_id", "shipments"), false));

    public static final GoldTable CUSTOMER_360 = table("customer_360", "publish",
            "One row per customer with what an agent on the phone needs (built by crm publish). No " +
            "personal data: sync it into a CRM or agent desktop by customer_id. Columns are null when" +
            " the table they come from was not built; counts are 0 when it was but the customer has " +
            "no rows in it.",
            List.of(
                    column("customer_id", "string",
                            "Customer key, as in the input's customers file. The only customer identifier in exports.").asCustomerId(),
                    column("region", "string",
                            "Customer's region (from the customers file)."),
                    column("vip", "boolean",
                            "Customer is flagged VIP in the customers file."),
                    column("signup_date", "date",
                            "Date the customer signed up."),
                    column("value_tier", "string",
                            "Value tier by CLV (gold.customer_value): platinum, gold, silver or bronze."),
                    column("rfm_segment", "string",
                            "Named RFM segment (gold.customer_value): Champions, Loyal, Potential loyalist, New, At " +
                            "risk, Can't lose them, Hibernating, Lost."),
                    column("probability_alive", "double",
                            "Probability the customer is still active (BG/NBD, gold.customer_value)."),
                    column("clv", "double",
                            "Customer lifetime value over the model horizon, discounted (gold.customer_value)."),
                    column("high_value_at_risk", "boolean",
                            "High value tier (platinum or gold) with a low probability alive or falling frequency."),
                    column("next_best_offer", "string",
                            "Product category to offer next (gold.next_best_offer)."),
                    column("next_best_offer_reason", "string",
                            "Why that offer, in words an agent can read (gold.next_best_offer)."),
                    column("contacts_90d", "bigint",
                            "Identified contacts from the customer in the 90 days up to and including the run date, " +
                            "all channels."),
                    column("contacts_90d_chat", "bigint",
                            "Contacts by chat in the last 90 days."),
                    column("contacts_90d_email", "bigint",
                            "Contacts by e-mail in the last 90 days."),
                    column("contacts_90d_ivr", "bigint",
                            "Contacts through the IVR in the last 90 days."),
                    column("contacts_90d_phone", "bigint",
                            "Contacts by phone in the last 90 days."),
                    column("contacts_90d_sms", "bigint",
                            "Contacts by SMS in the last 90 days."),
                    column("contacts_90d_social", "bigint",
                            "Contacts through social media in the last 90 days."),
                    column("contacts_90d_store", "bigint",
                            "Contacts in a store in the last 90 days."),
                    column("last_contact_date", "date",
                            "Date of the customer's most recent contact, any channel."),
                    column("last_contact_channel", "string",
                            "Channel of the most recent contact."),
                    column("last_contact_reason", "string",
                            "Reason code of the most recent contact (null when the contact had none)."),
                    column("last_contact_resolved", "boolean",
                            "Whether the most recent contact was resolved within that contact."),
                    column("open_complaints", "bigint",
                            "Complaints not resolved in their contact and not followed by a resolved contact from the" +
                            " same customer."),
                    column("last_shipment_problem", "string",
                            "Kind of problem of the customer's most recent problem shipment: lost, returned, late " +
                            "(delivered after the promised date) or overdue (undelivered past it)."),
                    column("last_shipment_problem_date", "date",
                            "Ship date of that shipment."),
                    column("last_shipment_problem_shipment_id", "string",
                            "Shipment key of that shipment."),
                    column("last_nps", "int",
                            "Score (0-10) of the customer's most recent NPS survey."),
                    column("last_nps_date", "date",
                            "Date of that NPS survey."),
                    column("last_csat", "int",
                            "Score (1-5) of the customer's most recent CSAT survey."),
                    column("last_csat_date", "date",
                            "Date of that CSAT survey."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of("customer_id"),
            gates(List.of("customer_id"), Map.of("customer_id", "customers"), true));

    public static final GoldTable DATA_QUALITY = table("data_quality", "publish",
            "Results of the data-quality gates run by crm publish before exporting; nothing is " +
            "published when one fails.",
            List.of(
                    column("table_name", "string",
                            "Gold table the gate checked."),
                    column("gate", "string",
                            "Gate: no_pii, completeness, key_uniqueness, referential_integrity:<column>, " +
                            "volume_change."),
                    column("passed", "boolean",
                            "Whether the gate passed."),
                    column("measured", "double",
                            "Measured figure: share of nulls (completeness), duplicate keys, orphan values, relative " +
                            "row-count change, or PII columns found."),
                    column("threshold", "double",
                            "Largest measured value that passes."),
                    column("detail", "string",
                            "What was measured, in words."),
                    column("run_date", "date",
                            "The run date (YYYY-MM-DD) the row was computed for; one partition per nightly run.")),
            List.of(), Optional.empty());

    /** Every gold table, in the order of the jobs that write them. */
    public static final List<GoldTable> TABLES = List.of(COMPLAINT_ATTRIBUTION, COMPLAINT_ROOT_CAUSES, COMPLAINT_TRENDS, COMPLAINT_CLASSIFIER_EVALUATION, CUSTOMER_VALUE, CLV_MODEL, CLV_VALIDATION, PROPENSITY_SCORES, NEXT_BEST_OFFER, PROPENSITY_EVALUATION, PROPENSITY_RELIABILITY, AGENT_SCORECARD, CHANNEL_KPIS, IVR_FUNNEL, CX_SCORES, CX_DRIVERS, QUEUE_KPIS, SELF_SERVICE_OPPORTUNITIES, PROACTIVE_OUTREACH, CUSTOMER_360, DATA_QUALITY);

    private GoldContract() {
    }

    /** The declared gold table of that name, if any. */
    public static Optional<GoldTable> find(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Checks rows a job is about to write to {@code gold.<table>} against the contract and fails with one line
     * naming the table and the first offending column: missing, of another type, or not declared.
     *
     * @param schema the rows' schema, {@code run_date} included
     */
    public static void check(String table, StructType schema) {
        GoldTable declared = find(table).orElseThrow(() -> new GoldContractViolation("gold." + table + " is not declared in "
                + GoldContract.class.getName() + ": declare its columns there before a job writes it"));
        List<String> written = new ArrayList<>();
        for (GoldColumn column : declared.columns()) {
            Optional<StructField> field = field(schema, column.name());
            if (field.isEmpty()) {
                throw new GoldContractViolation("gold." + table + ": column " + column.name() + " (" + column.typeName()
                        + ") is missing from the rows written; the gold contract declares it");
            }
            String type = field.get().dataType().catalogString();
            if (!type.equals(column.typeName())) {
                throw new GoldContractViolation("gold." + table + ": column " + column.name() + " is " + type
                        + " but the gold contract declares " + column.typeName());
            }
            written.add(column.name());
        }
        for (StructField field : schema.fields()) {
            if (!written.contains(field.name())) {
                throw new GoldContractViolation("gold." + table + ": column " + field.name() + " ("
                        + field.dataType().catalogString() + ") is not in the gold contract: declare it in "
                        + GoldContract.class.getName() + " or do not write it");
            }
        }
    }

    private static Optional<StructField> field(StructType schema, String name) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static GoldColumn column(String name, String sqlType, String description) {
        return GoldColumn.of(name, sqlType, description);
    }

    private static GoldTable table(String name, String owner, String description, List<GoldColumn> columns,
                                   List<String> key, Optional<GoldGates> gates) {
        return new GoldTable(name, owner, description, columns, key, gates);
    }

    private static Optional<GoldGates> gates(List<String> notNull, Map<String, String> references,
                                             boolean volumeChecked) {
        return Optional.of(new GoldGates(notNull, references, volumeChecked));
    }
}
