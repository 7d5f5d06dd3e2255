package io.crmanalytics.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates everything about one customer from that customer's own random stream: the customer row and
 * attributes, the BG/NBD purchase history with Gamma-Gamma spend, order lines from the customer's category
 * affinities, then shipments and contacts (delegated), and the exact propensity truth at the cut-off.
 */
final class CustomerSimulator {
    private static final String[] FIRST_NAMES = {"James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David",
            "Emma", "Daniel", "Olivia", "Thomas", "Sophie", "Lucas", "Hannah", "Mark", "Laura", "Peter", "Anna"};
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore",
            "Clark", "Walker", "Young", "King", "Wright", "Hill", "Green", "Baker", "Adams"};
    private static final String[][] CHINESE_SURNAMES = {{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"},
            {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}};
    private static final String[][] CHINESE_GIVEN = {{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"},
            {"静", "jing"}, {"磊", "lei"}, {"洋", "yang"}, {"婷", "ting"}, {"杰", "jie"}};
    private static final String[] ORDER_CHANNELS = {"web", "app", "phone", "store", "other"};
    private static final double[] ORDER_CHANNEL_SHARE = {0.55, 0.30, 0.05, 0.08, 0.02};
    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};

    private static final long CONTACT_STREAM = 0x636F6E74616374L;
    private static final long POSTERIOR_STREAM = 0x706F7374657269L;

    private final long seed;
    private final double dirtyRate;
    private final Period period;
    private final World world;
    private final ShipmentSimulator shipments;
    private final ContactSimulator contacts;

    CustomerSimulator(long seed, double dirtyRate, Period period, World world) {
        this.seed = seed;
        this.dirtyRate = dirtyRate;
        this.period = period;
        this.world = world;
        this.shipments = new ShipmentSimulator(period);
        this.contacts = new ContactSimulator(period, world);
    }

    static String customerId(int index) {
        return "C" + number(index);
    }

    private static String number(int index) {
        return String.format(Locale.ROOT, "%07d", index + 1);
    }

    /**
     * @param badTimestampCopy whether to add a copy of this customer's first order with a broken order_ts
     *                         ({@code --bad-order-timestamps})
     */
    void simulate(int index, boolean badTimestampCopy, PartitionOutput out) {
        Rng rng = new Rng(Rng.mix(seed, index));
        FaultInjector faults = new FaultInjector(dirtyRate, new Rng(Rng.mix(~seed, index)), customerId(index));
        out.useFaults(faults);
        Customer customer = drawCustomer(index, rng);
        PropensityPosterior.Signals signals = writeCustomer(customer, rng, out);

        List<Long> purchases = new ArrayList<>();
        long death = purchaseTimes(customer, rng, purchases);
        Tally tally = out.tally();
        if (purchases.size() > 1) {
            tally.repeatBuyers++;
            tally.repeatOrders += purchases.size() - 1;
        }
        List<ContactSimulator.Intent> intents = new ArrayList<>();
        int[] linesBeforeCutoff = new int[Truth.CATEGORIES.size()];
        for (int k = 0; k < purchases.size(); k++) {
            long orderTs = purchases.get(k);
            if (k > 0 && Period.day(orderTs) == Period.day(purchases.get(k - 1))) {
                tally.sameDayRepeatOrders++;
            }
            String orderId = "O" + customer.number() + "-" + (k + 1);
            WrittenOrder order = writeOrder(customer, orderId, orderTs, rng, out);
            if (orderTs < period.cutoff()) {
                for (int category : order.categories()) {
                    linesBeforeCutoff[category]++;
                }
            }
            if (k == 0 && badTimestampCopy) {
                tally.badTimestampOrderIds.add(faults.badOrderTimestamp(order.row(), out));
            }
            ShipmentSimulator.Shipped shipped = shipments.ship(customer, orderId, orderTs, order.lines(), rng, out,
                    intents);
            contacts.orderContacts(customer, orderId, orderTs, shipped, rng, intents);
        }
        contacts.backgroundContacts(customer, rng, intents);
        // Contacts draw from their own stream, so tuning them never shifts the purchase data.
        contacts.run(customer, intents, new Rng(Rng.mix(seed ^ CONTACT_STREAM, index)), out);
        writeCustomerTruth(customer, death, out);
        writePropensityTruth(customer, death, observedAtCutoff(customer, purchases, linesBeforeCutoff, signals),
                new Rng(Rng.mix(seed ^ POSTERIOR_STREAM, index)), out);
    }

    private record WrittenOrder(String[] row, int lines, int[] categories) {
    }

    /** What a model could know of the customer at the cut-off (null if not yet a customer). */
    private PropensityPosterior.History observedAtCutoff(Customer customer, List<Long> purchases, int[] lines,
                                                         PropensityPosterior.Signals signals) {
        if (customer.firstPurchase() >= period.cutoff()) {
            return null;
        }
        int repeat = -1;
        long last = customer.firstPurchase();
        for (long ts : purchases) {
            if (ts < period.cutoff()) {
                repeat++;
                last = ts;
            }
        }
        double week = Period.WEEK;
        return new PropensityPosterior.History(repeat, (last - customer.firstPurchase()) / week,
                (period.cutoff() - customer.firstPurchase()) / week, lines, signals);
    }

    private Customer drawCustomer(int index, Rng rng) {
        double lambda = rng.gamma(Truth.BGNBD_R, Truth.BGNBD_ALPHA);
        double dropout = rng.beta(Truth.BGNBD_A, Truth.BGNBD_B);
        double nu = rng.gamma(Truth.GG_Q, Truth.GG_GAMMA);
        int categories = Truth.CATEGORIES.size();
        double[] affinity = new double[categories];
        double total = 0;
        for (int c = 0; c < categories; c++) {
            affinity[c] = rng.gamma(Truth.AFFINITY_CONCENTRATION * Truth.CATEGORY_POPULARITY[c], 1.0);
            total += affinity[c];
        }
        for (int c = 0; c < categories; c++) {
            affinity[c] /= total;
        }
        boolean[] enthusiast = new boolean[categories];
        for (String planted : Truth.PLANTED_CATEGORIES) {
            int c = Truth.CATEGORIES.indexOf(planted);
            if (rng.chance(Truth.ENTHUSIAST_SHARE)) {
                enthusiast[c] = true;
                for (int k = 0; k < categories; k++) {
                    affinity[k] = (1 - Truth.ENTHUSIAST_WEIGHT) * affinity[k]
                            + (k == c ? Truth.ENTHUSIAST_WEIGHT : 0.0);
                }
            }
        }
        int region = rng.pick(World.REGION_SHARE);
        String city = rng.pick(World.CITIES.get(region));
        // Frequent buyers are more often VIPs; a few percent overall.
        boolean vip = rng.chance(lambda > Truth.VIP_RATE_THRESHOLD ? Truth.VIP_SHARE_FREQUENT : Truth.VIP_SHARE_OTHER);
        boolean chinese = rng.chance(World.REGIONS.get(region).equals("East") ? 0.35 : 0.08);
        long birth = period.start() + (long) (rng.uniform() * (period.end() - period.start()));
        return new Customer(customerId(index), number(index), World.REGIONS.get(region), city, vip, chinese, lambda,
                dropout, nu, affinity, enthusiast, 0.4 * rng.normal(), birth);
    }

    /**
     * The BG/NBD story exactly: first purchase at birth, then exponential gaps with rate lambda per week; after
     * each repeat purchase the customer drops out with probability p. Returns the dropout instant, or -1 if the
     * customer is still alive at the end of the period.
     */
    private long purchaseTimes(Customer customer, Rng rng, List<Long> purchases) {
        purchases.add(customer.firstPurchase());
        double t = customer.firstPurchase();
        while (true) {
            t += rng.exponential(customer.lambda()) * Period.WEEK;
            if (t >= period.end()) {
                return -1;
            }
            purchases.add((long) t);
            if (rng.chance(customer.dropout())) {
                return (long) t;
            }
        }
    }

    private PropensityPosterior.Signals writeCustomer(Customer customer, Rng rng, PartitionOutput out) {
        OutputTable table = OutputTable.CUSTOMERS;
        String[] row = table.newRow();
        String name;
        String emailName;
        if (customer.chinese()) {
            String[] surname = rng.pick(CHINESE_SURNAMES);
            String[] given = rng.pick(CHINESE_GIVEN);
            name = surname[0] + given[0];
            emailName = given[1] + "." + surname[1];
        } else {
            String first = rng.pick(FIRST_NAMES);
            String last = rng.pick(LAST_NAMES);
            name = first + " " + last;
            emailName = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT);
        }
        row[table.column("customer_id")] = customer.id();
        row[table.column("signup_date")] = Period.date(customer.firstPurchase() - (long) (rng.uniform() * 60 * Period.DAY));
        row[table.column("region")] = customer.region();
        row[table.column("city")] = customer.city();
        row[table.column("name")] = name;
        row[table.column("email")] = emailName + Integer.parseInt(customer.number()) + "@example.com";
        row[table.column("phone")] = String.format(Locale.ROOT, "+1-555-%03d-%04d", rng.nextInt(1000), rng.nextInt(10000));
        row[table.column("marketing_consent")] = String.valueOf(rng.chance(0.6));
        row[table.column("vip")] = String.valueOf(customer.vip());
        out.emit(table, row);

        OutputTable attributes = OutputTable.CUSTOMER_ATTRIBUTES;
        String[] attr = attributes.newRow();
        boolean electronicsFan = customer.enthusiast()[Truth.CATEGORIES.indexOf("electronics")];
        boolean beautyFan = customer.enthusiast()[Truth.CATEGORIES.indexOf("beauty")];
        // Weakly predictive on purpose: younger bands lean to electronics, clicks to beauty, points to buying rate.
        double[] ageWeights = electronicsFan ? Truth.ELECTRONICS_FAN_AGE_SHARE : Truth.OTHER_AGE_SHARE;
        attr[attributes.column("customer_id")] = customer.id();
        int ageBand = rng.pick(ageWeights);
        attr[attributes.column("age_band")] = Truth.AGE_BANDS[ageBand];
        long loyaltyPoints = Math.round(Truth.LOYALTY_SCALE * Math.sqrt(customer.lambda() / Truth.LOYALTY_REFERENCE_RATE)
                * rng.logNormal(0, Truth.LOYALTY_SIGMA));
        attr[attributes.column("loyalty_points")] = String.valueOf(loyaltyPoints);
        int clicks = rng.poisson(beautyFan ? Truth.BEAUTY_FAN_CLICKS : Truth.OTHER_CLICKS);
        attr[attributes.column("newsletter_clicks")] = String.valueOf(clicks);
        attr[attributes.column("preferred_device")] = rng.pick(DEVICES);
        attr[attributes.column("household_size")] = String.valueOf(rng.between(1, 5));
        out.emit(attributes, attr);
        return new PropensityPosterior.Signals(customer.vip(), loyaltyPoints, ageBand, clicks);
    }

    /**
     * Writes the order and its lines. The order's value is the Gamma-Gamma draw; line prices are the list prices
     * scaled so the lines add up to it (a per-order price factor: discounts, surcharges).
     */
    private WrittenOrder writeOrder(Customer customer, String orderId, long orderTs, Rng rng, PartitionOutput out) {
        int lineCount = 1 + rng.pick(Truth.LINES_PER_ORDER);
        int[] categories = new int[lineCount];
        World.Product[] products = new World.Product[lineCount];
        int[] quantities = new int[lineCount];
        double listTotal = 0;
        for (int i = 0; i < lineCount; i++) {
            int category = rng.pick(customer.affinity());
            categories[i] = category;
            products[i] = rng.pick(world.productsByCategory.get(category));
            quantities[i] = 1 + rng.pick(new double[] {0.80, 0.15, 0.05});
            listTotal += products[i].price() * quantities[i];
        }
        double value = rng.gamma(Truth.GG_P, customer.nu());
        double factor = value / listTotal;
        long totalCents = 0;
        String[][] lines = new String[lineCount][];
        for (int i = 0; i < lineCount; i++) {
            long unitCents = Math.max(1, Math.round(products[i].price() * factor * 100));
            totalCents += unitCents * quantities[i];
            OutputTable table = OutputTable.ORDER_LINES;
            String[] line = table.newRow();
            line[table.column("order_id")] = orderId;
            line[table.column("line_no")] = String.valueOf(i + 1);
            line[table.column("product_id")] = products[i].id();
            line[table.column("quantity")] = String.valueOf(quantities[i]);
            line[table.column("unit_price")] = cents(unitCents);
            lines[i] = line;
        }
        OutputTable table = OutputTable.ORDERS;
        String[] order = table.newRow();
        order[table.column("order_id")] = orderId;
        order[table.column("customer_id")] = customer.id();
        order[table.column("order_ts")] = Period.timestamp(orderTs);
        order[table.column("total_amount")] = cents(totalCents);
        order[table.column("currency")] = "EUR";
        order[table.column("channel")] = ORDER_CHANNELS[rng.pick(ORDER_CHANNEL_SHARE)];
        out.emit(table, order);
        for (String[] line : lines) {
            out.emit(OutputTable.ORDER_LINES, line);
        }
        return new WrittenOrder(order, lineCount, categories);
    }

    static String cents(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    /** The customer's latent state, so value and propensity models can be judged customer by customer. */
    private void writeCustomerTruth(Customer customer, long death, PartitionOutput out) {
        OutputTable table = OutputTable.CUSTOMER_TRUTH;
        String[] row = table.newRow();
        row[table.column("customer_id")] = customer.id();
        row[table.column("purchase_rate_per_week")] = String.format(Locale.ROOT, "%.6f", customer.lambda());
        row[table.column("dropout_probability")] = String.format(Locale.ROOT, "%.6f", customer.dropout());
        row[table.column("spend_nu")] = String.format(Locale.ROOT, "%.6f", customer.nu());
        row[table.column("mean_order_value")] = String.format(Locale.ROOT, "%.2f", Truth.GG_P / customer.nu());
        row[table.column("first_purchase_ts")] = Period.timestamp(customer.firstPurchase());
        row[table.column("alive_at_cutoff")] = customer.firstPurchase() >= period.cutoff() ? ""
                : String.valueOf(death < 0 || death >= period.cutoff());
        row[table.column("alive_at_run_date")] = String.valueOf(death < 0);
        List<String> enthusiastOf = new ArrayList<>();
        for (int c = 0; c < Truth.CATEGORIES.size(); c++) {
            if (customer.enthusiast()[c]) {
                enthusiastOf.add(Truth.CATEGORIES.get(c));
            }
        }
        row[table.column("enthusiast_of")] = String.join(";", enthusiastOf);
        out.emit(table, row);
    }

    /**
     * Exact probability of buying in each category in the 90 days after the cut-off, given the latent state
     * there. Purchases arrive at rate lambda; each contains category c with probability q (at least one of its
     * 1-4 lines), and after each the customer drops out with probability p. The first purchase that either
     * contains c or ends the customer's life comes at rate lambda*k, k = q + (1-q)p, and is a c-purchase with
     * probability q/k: P = (1 - exp(-lambda k w)) q / k. Zero if the customer had already dropped out.
     * Customers whose first purchase comes after the cut-off are not customers yet and get no rows.
     * Beside it, the Bayes ceiling from observable data: the same probability averaged over the latent states
     * that fit what was observable at the cut-off ({@link PropensityPosterior}).
     */
    private void writePropensityTruth(Customer customer, long death, PropensityPosterior.History observed,
                                      Rng posteriorRng, PartitionOutput out) {
        if (customer.firstPurchase() >= period.cutoff()) {
            return;
        }
        Tally tally = out.tally();
        tally.customersAtCutoff++;
        boolean alive = death < 0 || death >= period.cutoff();
        if (alive) {
            tally.aliveAtCutoff++;
        }
        double weeks = Truth.PROPENSITY_WINDOW_DAYS / 7.0;
        double[] posterior = PropensityPosterior.probabilities(observed, posteriorRng);
        OutputTable table = OutputTable.PROPENSITY_TRUTH;
        for (int c = 0; c < Truth.CATEGORIES.size(); c++) {
            double q = 1.0;
            for (int lines = 1; lines <= Truth.LINES_PER_ORDER.length; lines++) {
                q -= Truth.LINES_PER_ORDER[lines - 1] * Math.pow(1 - customer.affinity()[c], lines);
            }
            double k = q + (1 - q) * customer.dropout();
            double probability = alive ? (1 - Math.exp(-customer.lambda() * k * weeks)) * q / k : 0.0;
            String[] row = table.newRow();
            row[0] = customer.id();
            row[1] = Truth.CATEGORIES.get(c);
            row[2] = String.format(Locale.ROOT, "%.6f", probability);
            row[3] = String.format(Locale.ROOT, "%.6f", posterior[c]);
            out.emit(table, row);
        }
    }
}
