package io.github.omniretail.examples.report;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The language of a report: every label in English and Chinese, and numbers the way a reader of that language
 * expects them — grouped thousands, percentages to one decimal, money with its symbol. Immutable; thread-safe.
 */
public enum Lang {
    /** English. */
    EN,
    /** Simplified Chinese. */
    ZH;

    private static final Map<String, String[]> LABELS = Map.ofEntries(
            e("kpi.title", "Retail KPIs", "零售经营指标"),
            e("demo.title", "A day of an omnichannel retailer in Hangzhou", "杭州全渠道零售商的一天"),
            e("csv", "CSV", "CSV"),
            e("more rows", "… and {n} more rows in the", "……另有 {n} 行，见"),
            e("none", "—", "—"),
            e("total", "Total", "合计"),
            e("revenue", "Revenue", "销售额"),
            e("net revenue", "Net revenue", "净销售额"),
            e("orders", "Orders", "订单数"),
            e("order share", "Share of orders", "订单占比"),
            e("revenue share", "Share of revenue", "销售额占比"),
            e("aov", "Average order value", "客单价"),
            e("margin", "Gross margin", "毛利率"),
            e("margin coverage", "Revenue with known cost", "已知成本的销售额占比"),
            e("refunds", "Refunds", "退款"),
            e("own share", "Own channels (私域) share of orders", "私域订单占比"),
            e("own revenue share", "Own channels share of revenue", "私域销售额占比"),
            e("same-day on-time", "Same-day on-time rate", "当日达准时率"),
            e("stock-out rate", "Stock-out rate", "缺货率"),
            e("waste", "Waste (expired)", "损耗（过期）"),
            e("waste units", "Units wasted", "损耗件数"),
            e("waste cost", "Cost wasted", "损耗成本"),
            e("repurchase", "Repurchase rate", "复购率"),
            e("channel", "Channel", "渠道"),
            e("store", "Store", "门店"),
            e("sku", "SKU", "商品"),
            e("name", "Name", "名称"),
            e("category", "Category", "类目"),
            e("fresh", "fresh", "生鲜"),
            e("dairy", "dairy", "乳品"),
            e("bakery", "bakery", "烘焙"),
            e("snacks", "snacks", "零食"),
            e("beauty", "beauty", "美妆"),
            e("household", "household", "家居"),
            e("day", "Day", "日期"),
            e("by channel", "Sales by channel", "分渠道销售"),
            e("by store", "Sales by store", "分门店销售"),
            e("by day", "Sales by day", "每日销售"),
            e("stock-outs", "Stock-outs", "缺货"),
            e("stock-outs by sku", "Stock-outs by SKU", "分商品缺货"),
            e("stock-outs by store", "Stock-outs by store", "分门店缺货"),
            e("stock-out hours", "Hours out of stock", "缺货小时数"),
            e("demanded hours", "Hours with demand", "有需求小时数"),
            e("waste by sku", "Waste by SKU", "分商品损耗"),
            e("waste by store", "Waste by store", "分门店损耗"),
            e("rejections", "Why orders were refused", "订单拒绝原因"),
            e("reason", "Reason", "原因"),
            e("count", "Count", "次数"),
            e("share", "Share", "占比"),
            e("fulfilment", "Fulfilment", "履约"),
            e("fulfilled", "Orders handed over", "已交付订单"),
            e("mean minutes", "Mean time to hand-over (min)", "平均交付时长（分钟）"),
            e("p50 minutes", "Median (min)", "中位数（分钟）"),
            e("p90 minutes", "90th percentile (min)", "90分位（分钟）"),
            e("same-day due", "Same-day orders due", "当日达应交付订单"),
            e("same-day kept", "Kept on time", "准时交付"),
            e("members", "Members", "会员"),
            e("new orders", "First orders", "新客订单"),
            e("returning orders", "Returning members' orders", "老客订单"),
            e("guest orders", "Guests' orders", "非会员订单"),
            e("retention", "Cohort retention", "同期群留存"),
            e("cohort", "First order in", "首单月份"),
            e("cohort size", "Members", "会员数"),
            e("retained 30", "Back within 30 days", "30天内回购"),
            e("retained 60", "Back within 60 days", "60天内回购"),
            e("retained 90", "Back within 90 days", "90天内回购"),
            e("conversion", "Quote-to-order conversion", "报价转化率"),
            e("quotes", "Quotes", "报价数"),
            e("converted", "Converted", "已转化"),
            e("sell-through", "Sell-through", "售罄率"),
            e("sold", "Units sold", "售出件数"),
            e("received", "Units received", "入库件数"),
            e("turnover", "Inventory turnover (days)", "库存周转天数"),
            e("forecast vs actual", "Forecast against actual, top SKUs", "畅销商品：预测与实际"),
            e("forecast", "Forecast", "预测"),
            e("interval", "80 % interval", "80%区间"),
            e("actual", "Actual", "实际"),
            e("error", "Error", "误差"),
            e("method", "Method", "方法"),
            e("plan", "Tomorrow's replenishment plan", "明日补货计划"),
            e("transfers", "Transfers DC → stores", "调拨（仓→店）"),
            e("purchase orders", "Purchase orders", "采购单"),
            e("from", "From", "发出"),
            e("to", "To", "收货"),
            e("units", "Units", "件数"),
            e("eta", "Expected", "预计到达"),
            e("safety stock", "Safety stock", "安全库存"),
            e("reorder point", "Reorder point", "再订货点"),
            e("order-up-to", "Order-up-to", "补货目标"),
            e("position", "Inventory position", "库存水位"),
            e("shortfall", "Units the DC could not spare", "仓库无法满足的件数"),
            e("map", "The network", "网络地图"),
            e("orders per hour", "Orders per hour by channel", "分时段订单（按渠道）"),
            e("fulfilment mix", "How orders reached customers", "履约方式"),
            e("markdown", "Evening markdown revenue", "晚间折扣销售额"),
            e("segments", "Member segments after the day", "当日会员分层"),
            e("top members (masked)", "Today's top members (personal data masked)", "今日消费前十会员（个人信息已脱敏）"),
            e("member", "Member", "会员"),
            e("phone", "Phone", "手机号"),
            e("spend", "Spend", "消费金额"),
            e("ab", "A/B test: 满200减50 against 满300减80", "A/B测试：满200减50 对比 满300减80"),
            e("appendix", "Appendix for developers: checks and ledger flows", "附录（开发者）：校验与积分流水"),
            e("km", "km", "公里"),
            e("hour", "Hour", "时段"),
            e("APP", "App", "App"),
            e("MINI_PROGRAM", "Mini-program", "小程序"),
            e("MARKETPLACE", "Marketplace", "电商平台"),
            e("LIVE_STREAM", "Live stream", "直播"),
            e("STORE_POS", "Store till", "门店收银"),
            e("ONLINE_STORE", "Web store", "官网商城"),
            e("SOCIAL_COMMERCE", "Social commerce", "社交电商"),
            e("CALL_CENTER", "Call centre", "呼叫中心"),
            e("shelf_empty", "Shelf empty at the store", "门店货架缺货"),
            e("out_of_stock", "Out of stock everywhere", "全网缺货"),
            e("no_capacity", "No node could take it today", "今日无可用履约节点"),
            e("insufficient_stock", "Insufficient stock", "库存不足"),
            e("no_route", "No route", "无可用路线"));

    private static Map.Entry<String, String[]> e(String key, String en, String zh) {
        return Map.entry(key, new String[] {en, zh});
    }

    /**
     * Parses {@code en} or {@code zh}.
     *
     * @param text the option value
     * @return the language
     * @throws IllegalArgumentException for anything else
     */
    public static Lang parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "en" -> EN;
            case "zh" -> ZH;
            default -> throw new IllegalArgumentException("--lang must be zh or en, was '" + text + "'");
        };
    }

    /**
     * A label; a key without a translation (a SKU, a custom reason code) is shown as it is.
     *
     * @param key the key
     * @return the label
     */
    public String t(String key) {
        String[] l = LABELS.get(key);
        return l == null ? key : l[ordinal()];
    }

    /**
     * The page's {@code lang} attribute.
     *
     * @return {@code en} or {@code zh-CN}
     */
    public String tag() {
        return this == EN ? "en" : "zh-CN";
    }

    /**
     * A count with grouped thousands.
     *
     * @param n the count
     * @return e.g. {@code 12,345}
     */
    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Money with its symbol and grouped thousands: {@code CNY 1,234.50} in English, {@code ¥1,234.50} in Chinese.
     *
     * @param m the amount
     * @return the text
     */
    public String money(Money m) {
        BigDecimal v = m.toBigDecimal();
        String digits = String.format(Locale.ROOT, "%,." + m.scale() + "f", v.abs());
        String sign = v.signum() < 0 ? "−" : "";
        return this == ZH && m.currency().getCurrencyCode().equals("CNY") ? sign + "¥" + digits
                : sign + m.currency().getCurrencyCode() + " " + digits;
    }

    /**
     * A share to one decimal, e.g. {@code 12.3 %}.
     *
     * @param share the share, empty shown as a dash
     * @return the text
     */
    public String percent(Optional<BasisPoints> share) {
        return share.map(b -> BigDecimal.valueOf(b.value(), 2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %")
                .orElse(t("none"));
    }

    /**
     * A decimal with grouped thousands and the given digits.
     *
     * @param v the value
     * @param digits fraction digits
     * @return the text
     */
    public String decimal(double v, int digits) {
        return String.format(Locale.ROOT, "%,." + digits + "f", v);
    }
}
