package io.github.omniretail.examples.demo;

import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.routing.SpatialIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A generated, deterministic omnichannel retailer in Hangzhou: one distribution centre, 30 stores, 5 dark stores with a
 * 3 km same-day radius and 4 pickup lockers; a catalogue of about {@code 2,000 × scale} SKUs in six categories with
 * costs and shelf lives; about {@code 50,000 × scale} members with channel identities, a home and a purchase
 * history. The same seed and scale always give the same world. Immutable after generation; thread-safe.
 */
public final class RetailWorld {

    /** The currency of every price. */
    public static final Currency CNY = Currency.getInstance("CNY");
    /** Hangzhou's zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The simulated day. */
    public static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    /** The six categories of the catalogue. */
    public static final List<String> CATEGORIES = List.of("fresh", "dairy", "bakery", "snacks", "beauty", "household");

    /**
     * A product in the catalogue.
     *
     * @param sku its SKU
     * @param category one of {@link #CATEGORIES}
     * @param price list price
     * @param cost unit cost
     * @param shelfLifeDays shelf life in days
     * @param popularity relative demand weight, {@code > 0}
     */
    public record Product(Sku sku, String category, Money price, Money cost, int shelfLifeDays, double popularity) {
    }

    /**
     * A member and the identities they use in each channel (raw values, as the channels report them).
     *
     * @param id member id
     * @param home where they live (deliveries go there)
     * @param joined the day they joined
     * @param phone mobile number (live stream orders)
     * @param appUser app user id
     * @param openId mini-program open id
     * @param posCard loyalty card number scanned at the till
     * @param marketplace marketplace account, if linked
     * @param homeStore index of the nearest store in {@link #stores()}
     * @param name full name (personal data)
     * @param address postal address of {@code home} (personal data)
     * @param birthday date of birth (personal data)
     */
    public record Member(MemberId id, GeoPoint home, LocalDate joined, String phone, String appUser, String openId,
            String posCard, Optional<String> marketplace, int homeStore, String name, String address,
            LocalDate birthday) {

        /** @return the member with every personal field masked: a member never prints in clear */
        @Override
        public String toString() {
            return "Member[" + id + ", " + PersonalField.NAME.mask(name) + ", " + PersonalField.PHONE.mask(phone)
                    + ", " + PersonalField.ADDRESS.mask(address) + ", home "
                    + PersonalField.LOCATION.mask(home.latitude() + "," + home.longitude()) + ", joined " + joined + "]";
        }
    }

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "晨", "宇", "欣怡", "子涵", "浩然", "梓萱"};
    private static final String[][] STREETS = {{"上城区", "解放路", "望江路"}, {"拱墅区", "莫干山路", "湖墅南路"},
        {"西湖区", "文三路", "天目山路"}, {"滨江区", "江南大道", "滨盛路"}, {"萧山区", "市心中路", "金城路"},
        {"余杭区", "文一西路", "五常大道"}, {"临平区", "世纪大道", "人民大道"}, {"钱塘区", "学林街", "文泽路"}};

    /** Name, address and birthday of member {@code i}, from its own stream (the world's stream is not touched). */
    private static String[] personal(int i, int district) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + i);
        String name = SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
        String[] d = STREETS[district % STREETS.length];
        String address = "浙江省杭州市" + d[0] + d[1 + r.nextInt(2)] + (1 + r.nextInt(480)) + "号" + (1 + r.nextInt(30))
                + "幢" + (101 + r.nextInt(28) * 100 + r.nextInt(6)) + "室";
        LocalDate birthday = LocalDate.of(1955 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28));
        return new String[] {name, address, birthday.toString()};
    }

    /**
     * A purchase before the simulated day.
     *
     * @param member index into {@link #members()}
     * @param at when
     * @param amount paid
     * @param channel where
     */
    public record Purchase(int member, Instant at, Money amount, ChannelKind channel) {
    }

    /**
     * A district of the city: its centre and its share of the population.
     *
     * @param name district name
     * @param centre centre
     * @param weight population share
     */
    public record District(String name, GeoPoint centre, double weight) {
    }

    /** The districts members live in, with their population shares. */
    public static final List<District> DISTRICTS = List.of(
            new District("Shangcheng", GeoPoint.of(30.2460, 120.1700), 0.15),
            new District("Gongshu", GeoPoint.of(30.3190, 120.1420), 0.15),
            new District("Xihu", GeoPoint.of(30.2730, 120.1150), 0.14),
            new District("Binjiang", GeoPoint.of(30.2080, 120.2110), 0.12),
            new District("Xiaoshan", GeoPoint.of(30.1840, 120.2650), 0.12),
            new District("Yuhang", GeoPoint.of(30.2800, 120.0250), 0.12),
            new District("Linping", GeoPoint.of(30.4210, 120.2990), 0.10),
            new District("Qiantang", GeoPoint.of(30.3050, 120.3450), 0.10));

    private static final int STORES = 30;
    private static final String[] CATEGORY_PREFIX = {"FR", "DA", "BK", "SN", "BE", "HH"};
    private static final double[] CATEGORY_SHARE = {0.25, 0.12, 0.08, 0.25, 0.12, 0.18};
    private static final long[][] PRICE_RANGE = {{500, 6000}, {400, 4000}, {600, 3500}, {300, 4000}, {2900, 29900},
            {900, 12900}};
    private static final int[][] SHELF_LIFE = {{2, 7}, {7, 21}, {1, 3}, {180, 365}, {720, 1095}, {730, 1825}};

    private final long seed;
    private final double scale;
    private final FulfillmentNode dc;
    private final List<FulfillmentNode> stores;
    private final List<FulfillmentNode> darkStores;
    private final List<FulfillmentNode> pickupPoints;
    private final List<Product> products;
    private final double[] cumulativePopularity;
    private final List<Member> members;
    private final List<Purchase> history;
    private final int[] districtOfMember;

    private RetailWorld(long seed, double scale) {
        this.seed = seed;
        this.scale = scale;
        SplittableRandom random = new SplittableRandom(seed);
        dc = FulfillmentNode.builder(NodeId.of("DC-XS"), NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.1350, 120.2850),
                        ZONE)
                .name("Xiaoshan distribution centre")
                .capabilities(NodeCapability.SHIP).priority(2).build();
        stores = List.copyOf(stores(random.split()));
        darkStores = List.of(
                dark("DS-XH", "Xihu dark store", 30.2720, 120.1230),
                dark("DS-GS", "Gongshu dark store", 30.3150, 120.1480),
                dark("DS-SC", "Shangcheng dark store", 30.2500, 120.1750),
                dark("DS-BJ", "Binjiang dark store", 30.2100, 120.2080),
                dark("DS-YH", "Yuhang dark store", 30.2790, 120.0300));
        pickupPoints = List.of(
                locker("PP-EST", "Hangzhou East station locker", 30.2910, 120.2130),
                locker("PP-XX", "Xixi wetland locker", 30.2700, 120.0800),
                locker("PP-ZJG", "Zijingang campus locker", 30.3060, 120.0850),
                locker("PP-QJ", "Qianjiang new town locker", 30.2450, 120.2100));
        products = List.copyOf(products(random.split(), skuCount()));
        cumulativePopularity = new double[products.size()];
        double sum = 0;
        for (int i = 0; i < products.size(); i++) {
            sum += products.get(i).popularity();
            cumulativePopularity[i] = sum;
        }
        int memberCount = memberCount();
        districtOfMember = new int[memberCount];
        members = List.copyOf(members(random.split(), memberCount));
        history = List.copyOf(history(random.split()));
    }

    /**
     * Generates the world.
     *
     * @param seed random seed
     * @param scale size factor, {@code > 0} and at most 20: 1 gives ~2,000 SKUs and ~50,000 members
     * @return the world
     * @throws IllegalArgumentException if scale is out of range
     */
    public static RetailWorld generate(long seed, double scale) {
        if (!(scale > 0 && scale <= 20)) {
            throw new IllegalArgumentException("scale must be in (0, 20], was " + scale);
        }
        return new RetailWorld(seed, scale);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the scale */
    public double scale() {
        return scale;
    }

    /** @return SKUs in the catalogue at this scale */
    int skuCount() {
        return Math.max(60, (int) Math.round(2_000 * scale));
    }

    /** @return members at this scale */
    int memberCount() {
        return Math.max(200, (int) Math.round(50_000 * scale));
    }

    /** @return the orders the day aims at, at this scale */
    public int plannedOrders() {
        return Math.max(300, (int) Math.round(24_000 * scale));
    }

    /** @return the distribution centre */
    public FulfillmentNode dc() {
        return dc;
    }

    /** @return the 30 stores */
    public List<FulfillmentNode> stores() {
        return stores;
    }

    /** @return the 5 dark stores */
    public List<FulfillmentNode> darkStores() {
        return darkStores;
    }

    /** @return the pickup lockers */
    public List<FulfillmentNode> pickupPoints() {
        return pickupPoints;
    }

    /** @return every node: DC, stores, dark stores, pickup points */
    public List<FulfillmentNode> nodes() {
        List<FulfillmentNode> all = new ArrayList<>();
        all.add(dc);
        all.addAll(stores);
        all.addAll(darkStores);
        all.addAll(pickupPoints);
        return all;
    }

    /** @return nodes that hold stock: DC, stores, dark stores */
    public List<FulfillmentNode> stockingNodes() {
        List<FulfillmentNode> all = new ArrayList<>();
        all.add(dc);
        all.addAll(stores);
        all.addAll(darkStores);
        return all;
    }

    /** @return the catalogue, most popular first is not implied */
    public List<Product> products() {
        return products;
    }

    /** @return members */
    public List<Member> members() {
        return members;
    }

    /** @return purchases before the day, by time */
    public List<Purchase> history() {
        return history;
    }

    /**
     * A product drawn by popularity.
     *
     * @param random source
     * @return an index into {@link #products()}
     */
    int sampleProduct(SplittableRandom random) {
        double x = random.nextDouble() * cumulativePopularity[cumulativePopularity.length - 1];
        int i = Arrays.binarySearch(cumulativePopularity, x);
        return Math.min(products.size() - 1, i >= 0 ? i : -i - 1);
    }

    /**
     * A point in the city: a district by population share, then a spread of about 2.5 km around its centre.
     *
     * @param random source
     * @param district district index, or -1 to draw one
     * @return the point
     */
    static GeoPoint cityPoint(SplittableRandom random, int district) {
        District d = DISTRICTS.get(district >= 0 ? district : sampleDistrict(random));
        double lat = d.centre().latitude() + gaussian(random) * 0.020;
        double lon = d.centre().longitude() + gaussian(random) * 0.024;
        return GeoPoint.of(lat, lon);
    }

    static int sampleDistrict(SplittableRandom random) {
        double x = random.nextDouble();
        for (int i = 0; i < DISTRICTS.size(); i++) {
            x -= DISTRICTS.get(i).weight();
            if (x < 0) {
                return i;
            }
        }
        return DISTRICTS.size() - 1;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static List<FulfillmentNode> stores(SplittableRandom random) {
        List<FulfillmentNode> out = new ArrayList<>();
        int[] perDistrict = {5, 5, 4, 4, 3, 3, 3, 3};
        int n = 1;
        for (int d = 0; d < DISTRICTS.size(); d++) {
            for (int k = 0; k < perDistrict[d]; k++, n++) {
                District district = DISTRICTS.get(d);
                GeoPoint at = GeoPoint.of(district.centre().latitude() + gaussian(random) * 0.012,
                        district.centre().longitude() + gaussian(random) * 0.014);
                out.add(FulfillmentNode.builder(NodeId.of(String.format("ST-%02d", n)), NodeType.STORE, at, ZONE)
                        .name(district.name() + " store " + (k + 1))
                        .capabilities(NodeCapability.SHIP, NodeCapability.PICKUP, NodeCapability.RECEIVE_TRANSFER)
                        .dailyOrderCapacity(400).priority(1).build());
            }
        }
        if (out.size() != STORES) {
            throw new IllegalStateException("expected " + STORES + " stores, made " + out.size());
        }
        return out;
    }

    private static FulfillmentNode dark(String id, String name, double lat, double lon) {
        return FulfillmentNode.builder(NodeId.of(id), NodeType.DARK_STORE, GeoPoint.of(lat, lon), ZONE).name(name)
                .capabilities(NodeCapability.SHIP).sameDay(3_000).dailyOrderCapacity(1_500).priority(0).build();
    }

    private static FulfillmentNode locker(String id, String name, double lat, double lon) {
        return FulfillmentNode.builder(NodeId.of(id), NodeType.PICKUP_POINT, GeoPoint.of(lat, lon), ZONE).name(name)
                .capabilities(NodeCapability.PICKUP, NodeCapability.RECEIVE_TRANSFER).build();
    }

    private static List<Product> products(SplittableRandom random, int count) {
        List<Product> out = new ArrayList<>(count);
        int[] perCategory = new int[CATEGORIES.size()];
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble();
            int c = 0;
            while (c < CATEGORY_SHARE.length - 1 && (x -= CATEGORY_SHARE[c]) >= 0) {
                c++;
            }
            perCategory[c]++;
            long low = PRICE_RANGE[c][0];
            long high = PRICE_RANGE[c][1];
            // prices cluster low within a category (log-uniform), end in .90 like a shelf label
            long fen = Math.round(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
            fen = Math.max(low, fen / 100 * 100 + 90);
            long cost = fen * (55 + random.nextInt(21)) / 100;
            int life = SHELF_LIFE[c][0] + random.nextInt(SHELF_LIFE[c][1] - SHELF_LIFE[c][0] + 1);
            Sku sku = Sku.of(String.format("%s-%04d", CATEGORY_PREFIX[c], perCategory[c]));
            out.add(new Product(sku, CATEGORIES.get(c), Money.ofMinor(fen, CNY), Money.ofMinor(cost, CNY), life, 1));
        }
        // popularity: Zipf-like over a random ranking; fresh and dairy sell faster than beauty
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rank.add(i);
        }
        Collections.shuffle(rank, new java.util.Random(random.nextLong()));
        List<Product> ranked = new ArrayList<>(out);
        for (int r = 0; r < count; r++) {
            int i = rank.get(r);
            Product p = out.get(i);
            double categoryBoost = switch (p.category()) {
                case "fresh", "dairy", "bakery" -> 1.6;
                case "beauty" -> 0.5;
                default -> 1.0;
            };
            ranked.set(i, new Product(p.sku(), p.category(), p.price(), p.cost(), p.shelfLifeDays(),
                    categoryBoost / Math.pow(r + 8, 0.95)));
        }
        return ranked;
    }

    private List<Member> members(SplittableRandom random, int count) {
        List<Member> out = new ArrayList<>(count);
        SpatialIndex storeIndex = SpatialIndex.of(stores);
        for (int i = 0; i < count; i++) {
            int district = sampleDistrict(random);
            districtOfMember[i] = district;
            GeoPoint home = cityPoint(random, district);
            // 3 % joined in the last two weeks and have not bought yet; the rest up to three years ago
            boolean fresh = random.nextDouble() < 0.03;
            LocalDate joined = DAY.minusDays(fresh ? 1 + random.nextInt(14) : 30 + random.nextInt(1_070));
            String phone = String.format("1%d%09d", 3 + random.nextInt(6), (i * 7_919L + 12_345L) % 1_000_000_000L);
            String app = String.format("app-%07d", i + 1);
            String openId = String.format("oMP%012x", (i + 1) * 0x9E3779B1L & 0xFFFFFFFFFFFL);
            String card = String.format("8860%08d", i + 1);
            Optional<String> market = random.nextDouble() < 0.45 ? Optional.of(String.format("tb_%07d", i + 1))
                    : Optional.empty();
            String[] personal = personal(i, district);
            out.add(new Member(MemberId.of(String.format("M-%06d", i + 1)), home, joined, phone, app, openId, card,
                    market, nearestStore(storeIndex, home), personal[0], personal[1], LocalDate.parse(personal[2])));
        }
        return out;
    }

    private int nearestStore(SpatialIndex index, GeoPoint point) {
        return stores.indexOf(index.nearest(point, 1, n -> true).get(0).node());
    }

    private List<Purchase> history(SplittableRandom random) {
        List<Purchase> out = new ArrayList<>();
        ChannelKind[] channels = {ChannelKind.STORE_POS, ChannelKind.STORE_POS, ChannelKind.APP,
            ChannelKind.MINI_PROGRAM, ChannelKind.MARKETPLACE, ChannelKind.LIVE_STREAM};
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            long tenure = DAY.toEpochDay() - m.joined().toEpochDay();
            if (tenure <= 14) {
                continue; // newly joined: no purchases yet, their first order gets 首单8折
            }
            double rate = Math.exp(Math.log(1 / 35.0) + gaussian(random) * 0.8); // purchases per day
            double leave = 0.02 + random.nextDouble() * 0.2;                      // chance to lapse after a purchase
            long basket = Math.round(Math.exp(Math.log(9_000) + gaussian(random) * 0.45)); // fen
            double day = random.nextDouble() * 20;
            while (day < tenure - 1) {
                LocalDate date = m.joined().plusDays((long) day);
                LocalTime time = LocalTime.of(8 + random.nextInt(14), random.nextInt(60));
                long amount = Math.max(300, Math.round(basket * (0.4 + 1.2 * random.nextDouble())));
                out.add(new Purchase(i, date.atTime(time).atZone(ZONE).toInstant(), Money.ofMinor(amount, CNY),
                        channels[random.nextInt(channels.length)]));
                if (random.nextDouble() < leave) {
                    break;
                }
                day += 1 - Math.log(1 - random.nextDouble()) / rate;
            }
        }
        out.sort(Comparator.comparing(Purchase::at).thenComparingInt(Purchase::member));
        return out;
    }

    @Override
    public String toString() {
        return "RetailWorld[seed=" + seed + ", scale=" + scale + ", skus=" + products.size() + ", members="
                + members.size() + ", purchases=" + history.size() + "]";
    }
}
