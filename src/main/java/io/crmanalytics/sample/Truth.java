package io.crmanalytics.sample;

import java.util.List;

/**
 * The planted truth: the parameters of every process the generator runs, which the analytics jobs are meant
 * to recover. Written into ground_truth.json; changing a value here changes the sample data.
 */
final class Truth {
    private Truth() {
    }

    // BG/NBD, time unit = week: purchase rate lambda ~ Gamma(shape R, rate ALPHA); dropout p ~ Beta(A, B).
    static final double BGNBD_R = 0.8;
    static final double BGNBD_ALPHA = 5.0;
    static final double BGNBD_A = 0.6;
    static final double BGNBD_B = 3.5;

    // Gamma-Gamma spend: nu ~ Gamma(shape Q, rate GAMMA); each transaction value ~ Gamma(shape P, rate nu).
    // Mean spend per order = P * GAMMA / (Q - 1) = 60.
    static final double GG_P = 6.0;
    static final double GG_Q = 4.0;
    static final double GG_GAMMA = 30.0;

    /** Lines per order 1..4 with these probabilities (used by the exact propensity formula). */
    static final double[] LINES_PER_ORDER = {0.40, 0.30, 0.20, 0.10};

    static final int PROPENSITY_WINDOW_DAYS = 90;

    /** Categories in catalog order, with their share in the population's base preference. */
    static final List<String> CATEGORIES = List.of("electronics", "home", "fashion", "beauty", "sports", "toys",
            "books", "grocery");
    static final double[] CATEGORY_POPULARITY = {0.14, 0.16, 0.16, 0.10, 0.11, 0.09, 0.10, 0.14};
    /** Median list price per category. */
    static final double[] CATEGORY_PRICE = {180, 60, 45, 25, 50, 30, 15, 10};

    /**
     * Planted affinities: a share of customers are enthusiasts of these categories; an enthusiast's
     * preference puts ENTHUSIAST_WEIGHT on the category (on top of its base preference).
     */
    static final List<String> PLANTED_CATEGORIES = List.of("electronics", "beauty");
    static final double ENTHUSIAST_SHARE = 0.2;
    static final double ENTHUSIAST_WEIGHT = 0.6;
    /** Total concentration of the Dirichlet base preference, alpha_c = this * popularity_c (low = customers differ a lot). */
    static final double AFFINITY_CONCENTRATION = 4.0;

    // customer_attributes: weak observable signals of the latent state (also used by the propensity posterior).
    static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55+"};
    /** Age band shares of electronics enthusiasts and of everyone else. */
    static final double[] ELECTRONICS_FAN_AGE_SHARE = {0.30, 0.35, 0.18, 0.10, 0.07};
    static final double[] OTHER_AGE_SHARE = {0.14, 0.24, 0.24, 0.20, 0.18};
    /** newsletter_clicks ~ Poisson(mean): beauty enthusiasts click more. */
    static final double BEAUTY_FAN_CLICKS = 4.0;
    static final double OTHER_CLICKS = 1.5;
    /** loyalty_points = round(SCALE * sqrt(lambda / REFERENCE_RATE) * LogNormal(0, SIGMA)). */
    static final double LOYALTY_SCALE = 120;
    static final double LOYALTY_REFERENCE_RATE = 0.16;
    static final double LOYALTY_SIGMA = 0.6;
    /** vip with probability FREQUENT share if lambda > threshold, else OTHER share. */
    static final double VIP_RATE_THRESHOLD = 0.4;
    static final double VIP_SHARE_FREQUENT = 0.10;
    static final double VIP_SHARE_OTHER = 0.02;

    // Shipments. The root-cause carrier is rare but bad; the planted interaction is WH-3 shipping express.
    static final String ROOT_CAUSE_CARRIER = "SwiftShip";
    static final List<String> CARRIERS = List.of("ParcelPro", "QuickPost", "EcoFreight", "UrbanExpress", "GlobalLink",
            ROOT_CAUSE_CARRIER);
    static final double[] CARRIER_SHARE = {0.30, 0.25, 0.18, 0.14, 0.10, 0.03};
    static final List<String> WAREHOUSES = List.of("WH-1", "WH-2", "WH-3", "WH-4");
    static final double[] WAREHOUSE_SHARE = {0.35, 0.25, 0.20, 0.20};
    static final String INTERACTION_WAREHOUSE = "WH-3";
    static final String INTERACTION_METHOD = "express";
    static final String PLANTED_INTERACTION = "ship_method=express AND warehouse=WH-3";

    /** Problem probabilities per shipment: late, damaged, missing_item, wrong_item, lost. */
    static final double[] NORMAL_PROBLEMS = {0.030, 0.006, 0.004, 0.004, 0.002};
    static final double[] ROOT_CAUSE_PROBLEMS = {0.50, 0.10, 0.05, 0.02, 0.03};
    /** Late probability when the planted interaction holds (each factor alone is normal). */
    static final double INTERACTION_LATE = 0.30;
    /** Probability that a billing contact or a return after an order is a complaint (else a question). */
    static final double BILLING_COMPLAINT = 0.3;
    static final double RETURN_COMPLAINT = 0.15;
    /** Probability that a customer contacts the company about each problem kind. */
    static final double[] COMPLAINT_GIVEN_PROBLEM = {0.55, 0.80, 0.80, 0.75, 0.90};

    // IVR: per-node outcome probabilities. Inner nodes: zero_out, abandon, else continue deeper.
    static final String IVR_PROBLEM_NODE = "main>orders>returns";
    static final double[] IVR_INNER = {0.08, 0.05};
    /** Leaf nodes: zero_out, abandon, transfer, self_served. */
    static final double[] IVR_LEAF = {0.08, 0.05, 0.30, 0.57};
    static final double[] IVR_PROBLEM_LEAF = {0.38, 0.22, 0.15, 0.25};

}
