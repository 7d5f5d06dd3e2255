package io.crmanalytics.sample;

/**
 * One customer's latent state: what the generator draws first and every process of that customer reads.
 *
 * @param number     the digits shared by all ids of the customer (C0000042, O0000042-3, ...)
 * @param lambda     BG/NBD purchase rate per week while alive
 * @param dropout    BG/NBD probability of dropping out after each repeat purchase
 * @param nu         Gamma-Gamma spend scale: each order's value ~ Gamma(p, nu)
 * @param affinity   probability that an order line falls in each category (Truth.CATEGORIES order)
 * @param chinese    writes (and is written to) in Chinese
 * @param mood       personal offset of survey scores
 * @param firstPurchase epoch second of the first order (the BG/NBD birth)
 */
record Customer(String id, String number, String region, String city, boolean vip, boolean chinese,
                double lambda, double dropout, double nu, double[] affinity, boolean[] enthusiast, double mood,
                long firstPurchase) {
}
