package io.guanxi.demo;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TagRule;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.DataScope;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewStore;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.identity.StoreView;
import io.guanxi.identity.UserView;
import io.guanxi.order.NewProduct;
import io.guanxi.order.OrderApi;
import io.guanxi.order.RefundOrder;
import io.guanxi.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with a believable business when {@code guanxi.demo.enabled=true}, and
 * bulk-generates customers when {@code guanxi.demo.generate-customers=N} (for benchmarks).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(DemoProperties.class)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DemoProperties properties;
    private final IdentityApi identity;
    private final CustomerApi customers;
    private final OrderApi orders;
    private final Clock clock;
    private final ApplicationContext context;

    DemoData(
            DemoProperties properties,
            IdentityApi identity,
            CustomerApi customers,
            OrderApi orders,
            Clock clock,
            ApplicationContext context) {
        this.properties = properties;
        this.identity = identity;
        this.customers = customers;
        this.orders = orders;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.enabled() && identity.stores().isEmpty() && customers.count() == 0) {
            List<CustomerGenerator.Outlet> outlets = organisation();
            long made = generate(outlets, properties.customers());
            customers.spreadDemoFollowUps();
            long orders = orderHistory();
            log.info("Demo orders: {} over two years", orders);
            long entries = customers.publishTimeline(demoTimelines());
            log.info("Demo timelines: {} entries", entries);
            tags();
            log.info(
                    "Demo data ready: {} stores, {} customers. Staff sign in with password '{}' (e.g. manager.sh, sales.sh.1)",
                    outlets.size(),
                    made,
                    properties.password());
        }
        if (properties.generateCustomers() > 0) {
            List<CustomerGenerator.Outlet> outlets = identity.stores().isEmpty() ? organisation() : existingOutlets();
            long started = System.nanoTime();
            long made = generate(outlets, properties.generateCustomers());
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info(String.format("GENERATED %d customers in %.1f s (%.0f rows/s)", made, seconds, made / seconds));
        }
        if (properties.timelineEntries() > 0) {
            long customer = properties.timelineCustomer() != null
                    ? properties.timelineCustomer()
                    : customers.oldestIds(1).get(0);
            long started = System.nanoTime();
            long made = customers.publishTimeline(timelines(now()).entries(customer, properties.timelineEntries()));
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info(String.format("GENERATED %d timeline entries for customer %d in %.1f s", made, customer, seconds));
        }
        if ((properties.generateCustomers() > 0 || properties.timelineEntries() > 0)
                && properties.exitAfterGenerate()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private TimelineGenerator timelines(Instant now) {
        return new TimelineGenerator(properties.seed(), properties.english(), now.minus(Duration.ofDays(5 * 365)), now);
    }

    /** A few orders, points, visits and calls for the first customers, so their pages are not empty. */
    private Iterator<TimelineEntryPublished> demoTimelines() {
        TimelineGenerator generator = timelines(now());
        List<Long> ids = customers.oldestIds(60);
        return ids.stream()
                .flatMap(id -> {
                    List<TimelineEntryPublished> list = new ArrayList<>();
                    generator.entries(id, 3 + (int) (id % 8)).forEachRemaining(list::add);
                    return list.stream();
                })
                .iterator();
    }

    /**
     * A small catalogue and two years of orders for the demo customers (see
     * {@link OrderHistoryGenerator}), recorded through the order module's bulk path in time order;
     * a few are then refunded through the normal refund path.
     */
    private long orderHistory() {
        boolean en = properties.english();
        for (OrderHistoryGenerator.Product p : OrderHistoryGenerator.CATALOGUE) {
            orders.addProduct(
                    new NewProduct(p.sku(), en ? p.nameEn() : p.name(), p.category(), null, Money.yuan(p.price())));
        }
        List<StoreView> stores = identity.stores();
        OrderHistoryGenerator generator = new OrderHistoryGenerator(
                properties.seed(), now(), ZoneId.of(stores.get(0).zoneId()));
        List<OrderHistoryGenerator.Planned> planned = new ArrayList<>();
        for (long id : customers.oldestIds(properties.customers())) {
            planned.addAll(
                    generator.history(id, stores.get((int) (id % stores.size())).id()));
        }
        planned.sort(Comparator.comparing(p -> p.order().placedAt()));
        CurrentUser actor = new CurrentUser(0, "demo", "Demo data", Role.ADMIN, DataScope.ALL, null, null);
        long placed = 0;
        for (int from = 0; from < planned.size(); from += 5_000) {
            List<OrderHistoryGenerator.Planned> chunk = planned.subList(from, Math.min(planned.size(), from + 5_000));
            List<Long> ids = orders.placeHistory(
                    chunk.stream().map(OrderHistoryGenerator.Planned::order).toList(), "demo");
            placed += ids.size();
            for (int i = 0; i < chunk.size(); i++) {
                OrderHistoryGenerator.Refund refund = chunk.get(i).refund();
                if (refund != OrderHistoryGenerator.Refund.NONE) {
                    orders.refund(
                            ids.get(i),
                            new RefundOrder(
                                    refund == OrderHistoryGenerator.Refund.ALL
                                            ? List.of()
                                            : List.of(new RefundOrder.Line(1, 1)),
                                    en ? "Returned" : "退货"),
                            "demo-refund-" + ids.get(i),
                            actor);
                }
            }
        }
        return placed;
    }

    private long generate(List<CustomerGenerator.Outlet> outlets, long count) {
        Instant now = clock.instant();
        CustomerGenerator generator = new CustomerGenerator(
                properties.seed() + customers.count(),
                properties.english(),
                outlets,
                now.minus(Duration.ofDays(730)),
                now);
        return customers.bulkRegister(generator.customers(count));
    }

    /** Rule tags a business starts with, and one manual tag for hand-picked customers. */
    private void tags() {
        boolean en = properties.english();
        customers.defineTag(en ? "VIP" : "重要客户", en ? "Hand-picked by the store" : "门店手动标记", null);
        customers.defineTag(
                en ? "New this month" : "本月新客",
                en ? "Customer for 30 days or less" : "成为客户不超过 30 天",
                rule("createdDays", "lte", "30"));
        customers.defineTag(en ? "Business customer" : "企业客户", null, rule("partyType", "eq", "ORGANISATION"));
        customers.defineTag(
                en ? "Profile to complete" : "资料待完善",
                en ? "Stored data quality at most 50 of 80" : "数据质量（存储部分）不超过 50/80",
                rule("dataQuality", "lte", "50"));
        customers.defineTag(en ? "Unassigned" : "公海客户", en ? "No owner" : "无负责人", rule("inPool", "is", "true"));
    }

    private static TagRule rule(String field, String op, String value) {
        return new TagRule(List.of(new TagRule.Condition(field, op, value)));
    }

    /** Stores in six cities, a team each, and staff in every role. */
    private List<CustomerGenerator.Outlet> organisation() {
        String[][] stores = {
            {"SH", "上海徐汇旗舰店", "Shanghai Xuhui Flagship"},
            {"BJ", "北京朝阳店", "Beijing Chaoyang"},
            {"GZ", "广州天河店", "Guangzhou Tianhe"},
            {"SZ", "深圳南山店", "Shenzhen Nanshan"},
            {"CD", "成都锦江店", "Chengdu Jinjiang"},
            {"HZ", "杭州西湖店", "Hangzhou Xihu"}
        };
        boolean en = properties.english();
        List<CustomerGenerator.Outlet> outlets = new ArrayList<>();
        for (int i = 0; i < stores.length; i++) {
            CustomerGenerator.Place place = CustomerGenerator.PLACES.get(i);
            String code = stores[i][0];
            StoreView store = identity.openStore(new NewStore(
                    code,
                    en ? stores[i][2] : stores[i][1],
                    en ? null : place.province(),
                    en ? place.cityEn() : place.city(),
                    null));
            long team = identity.createTeam(store.id(), en ? "Sales team" : "销售一组");
            String key = code.toLowerCase();
            user(
                    "manager." + key,
                    en ? "Manager " + place.cityEn() : place.city() + "店长",
                    Role.MANAGER,
                    null,
                    store.id(),
                    team);
            List<Long> owners = new ArrayList<>();
            owners.add(user(
                            "lead." + key,
                            en ? "Team lead " + place.cityEn() : place.city() + "销售组长",
                            Role.SALES,
                            DataScope.TEAM,
                            store.id(),
                            team)
                    .id());
            for (int n = 1; n <= 2; n++) {
                owners.add(user(
                                "sales." + key + "." + n,
                                en ? "Sales rep " + place.cityEn() + " " + n : place.city() + "客户经理" + n,
                                Role.SALES,
                                null,
                                store.id(),
                                team)
                        .id());
            }
            user(
                    "service." + key,
                    en ? "Service agent " + place.cityEn() : place.city() + "客服",
                    Role.SERVICE,
                    null,
                    store.id(),
                    null);
            outlets.add(new CustomerGenerator.Outlet(store.id(), i, owners));
        }
        user("marketer", en ? "Marketing lead" : "市场经理", Role.MARKETER, null, null, null);
        user("analyst", en ? "Data analyst" : "数据分析师", Role.ANALYST, null, null, null);
        user(
                "dealer.hz",
                en ? "Hangzhou dealer" : "杭州经销商",
                Role.DEALER,
                null,
                outlets.get(5).storeId(),
                null);
        return outlets;
    }

    private List<CustomerGenerator.Outlet> existingOutlets() {
        List<CustomerGenerator.Outlet> outlets = new ArrayList<>();
        List<StoreView> stores = identity.stores();
        for (int i = 0; i < stores.size(); i++) {
            outlets.add(new CustomerGenerator.Outlet(stores.get(i).id(), i, List.of()));
        }
        return outlets;
    }

    private UserView user(String username, String name, Role role, DataScope scope, Long storeId, Long teamId) {
        return identity.createUser(new NewUser(
                username, name, username + "@demo.guanxi.io", properties.password(), role, scope, storeId, teamId));
    }
}
