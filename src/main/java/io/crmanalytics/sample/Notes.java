package io.crmanalytics.sample;

import java.util.Map;

/**
 * Free-text notes and survey comments in English and Chinese, as agents and customers write them. The text
 * carries the reason even where reason_code and is_complaint are left empty, so a classifier can work from it.
 */
final class Notes {
    private Notes() {
    }

    private static final Map<String, String[]> ENGLISH = Map.of(
            "late_delivery", new String[] {
                    "Customer says the parcel has not arrived, %d days past the promised date.",
                    "Package still not delivered, %d days late. Customer is upset.",
                    "Where is my order? It should have arrived %d days ago."},
            "damaged", new String[] {
                    "Item arrived damaged, the box was crushed.",
                    "Customer received a broken item and wants a replacement.",
                    "Product damaged in transit, screen cracked."},
            "wrong_item", new String[] {
                    "Wrong item delivered, customer ordered something else.",
                    "Received a different product than ordered, wants an exchange."},
            "missing_item", new String[] {
                    "One item missing from the parcel.",
                    "Parcel arrived but an item is missing, customer asks where it is."},
            "billing", new String[] {
                    "Customer asks about a charge on the invoice.",
                    "Charged twice for the same order, wants a refund.",
                    "Question about payment options."},
            "return", new String[] {
                    "Customer wants to return an item and asked for the return label.",
                    "Asked how long a refund takes after a return."},
            "product_question", new String[] {
                    "Question about product size and availability.",
                    "Asked whether the item works with older models.",
                    "Wants to know when the product is back in stock."},
            "account", new String[] {
                    "Password reset requested.",
                    "Customer wants to update the delivery address.",
                    "Asked to change the email on the account."},
            "other", new String[] {
                    "General inquiry about store opening hours.",
                    "Asked about the loyalty program."});

    private static final Map<String, String[]> CHINESE = Map.of(
            "late_delivery", new String[] {
                    "包裹还没到，已经晚了%d天",
                    "客户说快递还没送到，比承诺的日期晚了%d天",
                    "订单一直没有送到，已经超时%d天，客户很着急"},
            "damaged", new String[] {
                    "收到的商品坏了，外包装被压坏",
                    "商品到货时已经损坏，客户要求换货"},
            "wrong_item", new String[] {
                    "收到的商品不对，和订单不一样",
                    "发错货了，客户要求换成订购的商品"},
            "missing_item", new String[] {
                    "包裹里少了一件商品",
                    "收到包裹但缺少商品，客户询问原因"},
            "billing", new String[] {
                    "客户说被重复扣款，要求退款",
                    "询问发票上的费用"},
            "return", new String[] {
                    "客户想退货，询问退货流程",
                    "询问退货后多久能退款"},
            "product_question", new String[] {
                    "询问商品尺寸和库存",
                    "咨询商品什么时候补货"},
            "account", new String[] {
                    "客户要求重置密码",
                    "客户想修改收货地址"},
            "other", new String[] {
                    "咨询门店营业时间",
                    "询问会员积分规则"});

    static String note(String reason, boolean chinese, int daysLate, boolean repeat, Rng rng) {
        String[] choices = (chinese ? CHINESE : ENGLISH).get(reason);
        String text = rng.pick(choices);
        if (text.contains("%d")) {
            text = String.format(java.util.Locale.ROOT, text, Math.max(1, daysLate)).replace(" 1 days", " 1 day");
        }
        if (repeat) {
            text = (chinese ? "再次联系：问题还没解决。" : "Follow-up: still not solved. ") + text;
        }
        return text;
    }

    static String ivrNote(String outcome, String node) {
        return outcome.equals("self_served") ? "IVR: caller self-served at " + node
                : "IVR: caller hung up at " + node;
    }

    static String surveyComment(int sentiment, boolean chinese, Rng rng) {
        if (chinese) {
            String[] good = {"服务很好，谢谢", "问题很快解决了", "客服很耐心"};
            String[] bad = {"等了太久", "问题还是没有解决", "快递太慢了，很失望"};
            return rng.pick(sentiment > 0 ? good : bad);
        }
        String[] good = {"Great service, thanks!", "Quick and helpful.", "The agent was very patient."};
        String[] bad = {"Waited far too long.", "My problem is still not solved.", "Delivery was late again, disappointed."};
        return rng.pick(sentiment > 0 ? good : bad);
    }
}
