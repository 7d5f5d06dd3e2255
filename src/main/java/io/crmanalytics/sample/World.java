package io.crmanalytics.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed parts of the synthetic company, shared by every customer: regions and cities, the product
 * catalog, warehouses, contact-center agents and the IVR menu. Built from the run seed alone.
 */
final class World {
    static final List<String> REGIONS = List.of("North", "South", "East", "West", "Central");
    static final double[] REGION_SHARE = {0.18, 0.22, 0.24, 0.16, 0.20};
    static final List<List<String>> CITIES = List.of(
            List.of("Northport", "Frostville", "Pinecrest"),
            List.of("Sunhaven", "Palmcity", "Bayside", "Coralton"),
            List.of("Eastbridge", "Harborview", "New Linton", "Kingsford"),
            List.of("Westfield", "Redrock", "Canyon Falls"),
            List.of("Midtown", "Centerville", "Lakeside"));
    /** Where each warehouse sits (origin_region of its shipments). */
    static final Map<String, String> WAREHOUSE_REGION = Map.of("WH-1", "Central", "WH-2", "East", "WH-3", "South",
            "WH-4", "West");

    record Product(String id, String category, String name, double price) {
    }

    /** skill moves the resolution odds and (negatively) handle time; vip agents also serve the vip queue. */
    record Agent(String id, double skill, double speed, boolean vip) {
    }

    final List<Product> products = new ArrayList<>();
    final List<List<Product>> productsByCategory = new ArrayList<>();
    final List<Agent> agents = new ArrayList<>();
    final List<Agent> vipAgents = new ArrayList<>();

    private static final String[][] PRODUCT_WORDS = {
            {"Headphones", "Smartwatch", "Tablet", "Speaker", "Camera", "Charger", "Monitor", "Keyboard"},
            {"Lamp", "Cushion", "Kettle", "Rug", "Vase", "Blender", "Towel Set", "Shelf"},
            {"Jacket", "Sneakers", "Scarf", "Jeans", "Dress", "Hoodie", "Belt", "Sunglasses"},
            {"Face Cream", "Shampoo", "Perfume", "Lipstick", "Serum", "Body Lotion", "Nail Kit", "Hair Oil"},
            {"Yoga Mat", "Dumbbells", "Running Shorts", "Tennis Racket", "Water Bottle", "Bike Light", "Backpack",
                    "Jump Rope"},
            {"Puzzle", "Building Blocks", "Plush Bear", "Board Game", "Toy Car", "Kite", "Doll House", "Robot Kit"},
            {"Novel", "Cookbook", "Atlas", "Biography", "Comic", "Travel Guide", "Poetry", "Notebook"},
            {"Coffee Beans", "Green Tea", "Olive Oil", "Pasta", "Chocolate", "Honey", "Granola", "Spices"}};
    private static final String[] PRODUCT_ADJECTIVES = {"Classic", "Pro", "Eco", "Deluxe", "Mini", "Smart"};

    World(long seed, int customers) {
        Rng rng = new Rng(Rng.mix(seed, -1));
        int productNumber = 0;
        for (int c = 0; c < Truth.CATEGORIES.size(); c++) {
            List<Product> inCategory = new ArrayList<>();
            for (int k = 0; k < 15; k++) {
                productNumber++;
                String name = rng.pick(PRODUCT_ADJECTIVES) + " " + PRODUCT_WORDS[c][k % PRODUCT_WORDS[c].length];
                double price = Math.round(Truth.CATEGORY_PRICE[c] * rng.logNormal(0, 0.45) * 100) / 100.0;
                Product product = new Product(String.format(Locale.ROOT, "P%04d", productNumber),
                        Truth.CATEGORIES.get(c), name, Math.max(0.99, price));
                inCategory.add(product);
                products.add(product);
            }
            productsByCategory.add(inCategory);
        }
        // About one agent per 80 customers: the center is sized to its customer base.
        int agentCount = Math.max(12, Math.min(5000, customers / 80));
        for (int k = 1; k <= agentCount; k++) {
            double skill = rng.normal();
            Agent agent = new Agent(String.format(Locale.ROOT, "A%04d", k), skill,
                    Math.exp(-0.2 * skill + 0.15 * rng.normal()), rng.chance(0.15));
            agents.add(agent);
            if (agent.vip()) {
                vipAgents.add(agent);
            }
        }
        if (vipAgents.isEmpty()) {
            vipAgents.add(agents.get(0));
        }
    }

    /**
     * The IVR menu is a tree of paths like main>orders>track; a contact's reason decides which leaf the caller
     * seeks, and the caller passes every node on the way.
     */
    static String ivrLeafFor(String reason, Rng rng) {
        return switch (reason) {
            case "late_delivery", "missing_item" -> "main>orders>track";
            case "damaged", "wrong_item", "return" -> "main>orders>returns";
            case "billing" -> rng.chance(0.5) ? "main>billing>invoice" : "main>billing>payment";
            case "account" -> rng.chance(0.6) ? "main>account>password" : "main>account>details";
            case "product_question" -> "main>products";
            default -> rng.chance(0.5) ? "main>orders>change" : "main>products";
        };
    }
}
