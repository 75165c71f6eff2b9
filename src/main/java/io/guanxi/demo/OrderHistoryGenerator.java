package io.guanxi.demo;

import io.guanxi.order.PlaceOrder;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic purchase histories over the two years before {@code now}: loyal customers (about a
 * sixth) buy every few weeks, occasional ones a few times, lapsed ones only in the first year. Days
 * follow the retail calendar — busier weekends, the weeks before the spring festival (春节), 618 and
 * 双11 — and a few orders are later refunded. The same seed gives the same history.
 */
final class OrderHistoryGenerator {

    /** A product of the demo catalogue. */
    record Product(String sku, String name, String nameEn, String category, String price) {}

    static final List<Product> CATALOGUE = List.of(
            new Product("D-WASH", "精洗套餐", "Premium wash", "SERVICE", "68.00"),
            new Product("D-OIL", "机油保养", "Oil service", "SERVICE", "399.00"),
            new Product("D-TYRE", "轮胎", "Tyre", "PARTS", "560.00"),
            new Product("D-WIPER", "雨刮片", "Wiper blades", "PARTS", "89.00"),
            new Product("D-FILTER", "空调滤芯", "Cabin filter", "PARTS", "120.00"),
            new Product("D-COFFEE", "咖啡", "Coffee", "FOOD", "28.00"),
            new Product("D-TEA", "奶茶", "Milk tea", "FOOD", "22.00"),
            new Product("D-WAX", "打蜡", "Wax", "CARE", "198.00"),
            new Product("D-COAT", "镀晶", "Ceramic coating", "CARE", "1280.00"),
            new Product("D-MAT", "脚垫", "Floor mats", "ACCESSORY", "299.00"));

    enum Habit {
        LOYAL,
        OCCASIONAL,
        LAPSED
    }

    /** An order to place, and whether (and how) it is refunded afterwards. */
    record Planned(PlaceOrder order, Refund refund) {}

    enum Refund {
        NONE,
        ONE_UNIT,
        ALL
    }

    private final long seed;
    private final Instant now;
    private final ZoneId zone;

    OrderHistoryGenerator(long seed, Instant now, ZoneId zone) {
        this.seed = seed;
        this.now = now;
        this.zone = zone;
    }

    static Habit habit(SplittableRandom random) {
        double r = random.nextDouble();
        return r < 0.16 ? Habit.LOYAL : r < 0.66 ? Habit.OCCASIONAL : Habit.LAPSED;
    }

    /** How much busier a day is than an ordinary weekday. */
    static double season(LocalDate day) {
        double weight = day.getDayOfWeek().getValue() >= 6 ? 1.4 : 1.0;
        MonthDay md = MonthDay.from(day);
        if (!md.isBefore(MonthDay.of(1, 10)) && !md.isAfter(MonthDay.of(2, 10))) {
            weight *= 1.8; // before the spring festival
        }
        if (!md.isBefore(MonthDay.of(6, 1)) && !md.isAfter(MonthDay.of(6, 18))) {
            weight *= md.equals(MonthDay.of(6, 18)) ? 4.0 : 2.0; // 618
        }
        if (!md.isBefore(MonthDay.of(11, 1)) && !md.isAfter(MonthDay.of(11, 11))) {
            weight *= md.equals(MonthDay.of(11, 11)) ? 6.0 : 2.5; // 双11
        }
        return weight;
    }

    private static final double MAX_SEASON = 1.4 * 6.0;

    /** The history of one customer, buying mostly in {@code storeId}; orders in time order. */
    List<Planned> history(long customerId, long storeId) {
        SplittableRandom random = new SplittableRandom(seed * 31 + customerId);
        Habit habit = habit(random);
        int orders = switch (habit) {
            case LOYAL -> 12 + random.nextInt(19);
            case OCCASIONAL -> 1 + random.nextInt(5);
            case LAPSED -> 2 + random.nextInt(6);
        };
        LocalDate today = now.atZone(zone).toLocalDate();
        int span = habit == Habit.LAPSED ? 365 : 729;
        List<Instant> times = new ArrayList<>();
        while (times.size() < orders) {
            LocalDate day = today.minusDays(730 - random.nextInt(span));
            if (random.nextDouble() * MAX_SEASON < season(day)) {
                Instant at = day.atStartOfDay(zone)
                        .plusSeconds(10 * 3600 + random.nextInt(11 * 3600))
                        .toInstant();
                if (at.isBefore(now.minus(Duration.ofHours(1)))) {
                    times.add(at);
                }
            }
        }
        times.sort(Comparator.naturalOrder());
        List<Planned> planned = new ArrayList<>();
        for (Instant at : times) {
            List<PlaceOrder.Line> lines = new ArrayList<>();
            List<Product> pool = new ArrayList<>(CATALOGUE);
            int count = 1 + random.nextInt(random.nextInt(4) + 1);
            for (int i = 0; i < count; i++) {
                Product p = pool.remove(random.nextInt(pool.size()));
                int quantity = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                Money discount = random.nextInt(10) == 0
                        ? Money.yuan(new java.math.BigDecimal(p.price())
                                .multiply(java.math.BigDecimal.valueOf(quantity))
                                .multiply(new java.math.BigDecimal("0.1"))
                                .setScale(2, java.math.RoundingMode.HALF_UP)
                                .toPlainString())
                        : null;
                lines.add(new PlaceOrder.Line(p.sku(), quantity, null, discount));
            }
            SalesChannel channel = random.nextInt(5) == 0 ? SalesChannel.ONLINE : SalesChannel.STORE;
            PlaceOrder order = new PlaceOrder(
                    customerId, storeId, channel, at, null, lines, null, null, null, 0L, null, List.of());
            int r = random.nextInt(100);
            Refund refund = at.isBefore(now.minus(3, ChronoUnit.DAYS)) && r < 4
                    ? (r < 2 ? Refund.ALL : Refund.ONE_UNIT)
                    : Refund.NONE;
            planned.add(new Planned(order, refund));
        }
        return planned;
    }
}
