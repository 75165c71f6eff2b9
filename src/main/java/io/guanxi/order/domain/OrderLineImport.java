package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerMatch;
import io.guanxi.customer.CustomerReference;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.guanxi.identity.StoreView;
import io.guanxi.imports.ImportBatchResult;
import io.guanxi.imports.ImportContext;
import io.guanxi.imports.ImportField;
import io.guanxi.imports.ImportRow;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.RowIssue;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.ProductView;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import io.guanxi.shared.StageTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StopWatch;

/**
 * Order lines from CSV and Excel files, through the import pipeline (dry run, row report, batches).
 * The lines of one order sit on consecutive rows with the same order number; the pipeline keeps
 * them in one batch. Each order is priced by {@link Order#draft} like an order from the API, its
 * customer found by the customer's id in the file's source system or by phone (or created, with the
 * name in the file), and the batch is written with all effects by {@link OrderBulkIngestion}.
 *
 * <p>An order is identified by the import source and its order number: an order already imported
 * from the source is left as it is (its lines count as unchanged), so importing a file again changes
 * nothing. Hence an order's lines must come together: lines of an order number that appeared earlier
 * in the same batch are rejected, and lines in a later file (or after other orders) of an order
 * already imported are left out as unchanged. Counts are of lines.
 */
@Component
class OrderLineImport implements ImportTarget {

    private static final Logger log = LoggerFactory.getLogger(OrderLineImport.class);

    private static final List<ImportField> FIELDS = List.of(
            ImportField.required(
                    OrderLineRows.ORDER_NUMBER,
                    "order number",
                    "order no",
                    "order id",
                    "order",
                    "订单号",
                    "订单编号",
                    "单号",
                    "单据号",
                    "小票号"),
            ImportField.required(
                    OrderLineRows.PLACED_AT,
                    "order time",
                    "placed at",
                    "time",
                    "date",
                    "下单时间",
                    "订单时间",
                    "交易时间",
                    "销售时间",
                    "日期",
                    "时间"),
            ImportField.required(OrderLineRows.STORE, "store", "store code", "shop", "门店", "门店编码", "门店代码", "店铺"),
            ImportField.optional(OrderLineRows.CHANNEL, "channel", "sales channel", "渠道", "销售渠道"),
            ImportField.optional(
                    OrderLineRows.CUSTOMER_ID,
                    "customer id",
                    "member id",
                    "member no",
                    "customer external id",
                    "会员号",
                    "会员编号",
                    "客户编号",
                    "会员卡号"),
            ImportField.optional(
                    OrderLineRows.CUSTOMER_PHONE,
                    "phone",
                    "mobile",
                    "customer phone",
                    "手机",
                    "手机号",
                    "手机号码",
                    "电话",
                    "会员手机"),
            ImportField.optional(
                    OrderLineRows.CUSTOMER_NAME, "customer name", "name", "member name", "姓名", "客户姓名", "会员姓名", "客户名称"),
            ImportField.required(OrderLineRows.SKU, "sku", "product code", "item code", "商品编码", "商品编号", "货号", "SKU编码"),
            ImportField.required(OrderLineRows.QUANTITY, "quantity", "qty", "数量", "购买数量"),
            ImportField.optional(OrderLineRows.UNIT_PRICE, "unit price", "price", "单价", "价格", "售价"),
            ImportField.optional(OrderLineRows.DISCOUNT, "discount", "line discount", "折扣", "优惠", "折扣金额", "优惠金额"),
            ImportField.optional(OrderLineRows.PAYMENT, "payment", "payment method", "支付方式", "付款方式"));
    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.?(\\w*)");
    private static final int CHUNK = 10_000;
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

    private final OrderBulkIngestion ingestion;
    private final Products products;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final OrderProperties properties;
    private final JdbcClient jdbc;
    private final StagedPurchases staged;
    private final Clock clock;

    OrderLineImport(
            OrderBulkIngestion ingestion,
            Products products,
            CustomerApi customers,
            IdentityApi identity,
            OrderProperties properties,
            JdbcClient jdbc,
            StagedPurchases staged,
            Clock clock) {
        this.ingestion = ingestion;
        this.staged = staged;
        this.products = products;
        this.customers = customers;
        this.identity = identity;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String recordType() {
        return "order";
    }

    @Override
    public Permission permission() {
        return Permission.ORDER_WRITE;
    }

    @Override
    public List<ImportField> fields() {
        return FIELDS;
    }

    @Override
    public List<String> matchKeys() {
        return List.of(OrderLineRows.ORDER_NUMBER);
    }

    @Override
    public String groupKey(ImportRow row) {
        return OrderLineRows.orderNumber(row);
    }

    /**
     * The customer an order is for, as the file names them (member number, else phone, else the
     * order number for an order that creates its customer): each customer's orders are written by
     * one writer, so two writers do not meet on a customer's points account, aggregates or tier.
     */
    @Override
    public String partitionKey(ImportRow row) {
        String member = row.value(OrderLineRows.CUSTOMER_ID);
        if (member != null && !member.isBlank()) {
            return "id:" + member.strip();
        }
        String phone = row.value(OrderLineRows.CUSTOMER_PHONE);
        if (phone != null && !phone.isBlank()) {
            return "phone:" + NOT_DIGIT.matcher(phone).replaceAll("");
        }
        return OrderLineRows.orderNumber(row);
    }

    private record Store(long id, ZoneId zone) {}

    /** A batch's lines read into orders ahead of its transaction. */
    private record PreparedGroups(List<OrderLineRows.Group> groups) implements ImportTarget.Prepared {}

    /** Reads the lines into orders (parsing, grouping, the checks of each line) while the batch before is written. */
    @Override
    public Prepared prepare(List<ImportRow> rows, ImportContext context) {
        return new PreparedGroups(OrderLineRows.group(rows));
    }

    @Override
    public ImportBatchResult apply(List<ImportRow> rows, ImportContext context) {
        return apply(rows, null, context);
    }

    @Override
    public ImportBatchResult apply(List<ImportRow> rows, Prepared prepared, ImportContext context) {
        StopWatch watch = new StopWatch();
        watch.start("check");
        String source = context.source() == null ? "" : context.source();
        List<OrderLineRows.Group> groups =
                prepared instanceof PreparedGroups ahead ? ahead.groups() : OrderLineRows.group(rows);
        Map<String, Store> stores = stores();
        Map<String, ProductView> catalogue = catalogue(groups);
        Set<String> existing = existing(source, groups);
        Set<String> seen = new HashSet<>();
        Instant now = clock.instant();
        long unchanged = 0;
        List<OrderLineRows.Group> fresh = new ArrayList<>();
        for (OrderLineRows.Group g : groups) {
            if (g.orderNumber != null && !seen.add(g.orderNumber)) {
                g.error(
                        g.firstRow,
                        OrderLineRows.ORDER_NUMBER,
                        "Order " + g.orderNumber + " appeared on earlier rows: the lines of an order must be on"
                                + " consecutive rows");
                continue;
            }
            if (g.orderNumber != null && existing.contains(g.orderNumber)) {
                unchanged += g.lines.size();
                g.issues.clear();
                g.rejected = false;
                g.lines.clear();
                continue;
            }
            Store store = g.value(OrderLineRows.STORE) == null
                    ? null
                    : stores.get(g.value(OrderLineRows.STORE).toLowerCase(Locale.ROOT));
            if (g.value(OrderLineRows.STORE) != null && store == null) {
                g.error(
                        g.firstRow,
                        OrderLineRows.STORE,
                        "No store has the code or name \"" + g.value(OrderLineRows.STORE) + "\"");
            }
            for (OrderLineRows.Line line : g.lines) {
                ProductView product = line.sku() == null ? null : catalogue.get(line.sku());
                if (line.sku() != null && (product == null || !product.active())) {
                    g.error(line.row(), OrderLineRows.SKU, "No product on sale has the SKU \"" + line.sku() + "\"");
                }
            }
            if (store != null && g.when != null && g.when.in(store.zone()).isAfter(now.plusSeconds(300))) {
                g.error(g.firstRow, OrderLineRows.PLACED_AT, "The order time is in the future");
            }
            if (!g.rejected) {
                fresh.add(g);
            }
        }
        watch.stop();
        watch.start("customers");
        List<CustomerMatch> matches = customers.matchOrRegister(
                source,
                fresh.stream()
                        .map(g -> new CustomerReference(
                                g.value(OrderLineRows.CUSTOMER_ID),
                                g.value(OrderLineRows.CUSTOMER_PHONE),
                                g.value(OrderLineRows.CUSTOMER_NAME),
                                stores.get(g.value(OrderLineRows.STORE).toLowerCase(Locale.ROOT))
                                        .id()))
                        .toList(),
                !context.dryRun(),
                context.actor());
        watch.stop();
        watch.start("price");
        List<Order> orders = new ArrayList<>();
        long created = 0;
        for (int i = 0; i < fresh.size(); i++) {
            OrderLineRows.Group g = fresh.get(i);
            CustomerMatch match = matches.get(i);
            if (!match.ok()) {
                g.error(g.firstRow, customerField(match.field()), match.problem());
                continue;
            }
            Order order = draft(g, match, stores, catalogue);
            if (order != null) {
                orders.add(order);
                created += g.lines.size();
            }
        }
        watch.stop();
        watch.start("write");
        if (!context.dryRun()) {
            ingestion.ingest(orders, source, context.actor().username());
        }
        watch.stop();
        if (log.isDebugEnabled()) {
            log.debug("{} order lines: {}", rows.size(), StageTimes.of(watch));
        }
        List<RowIssue> issues = new ArrayList<>();
        long rejected = 0;
        for (OrderLineRows.Group g : groups) {
            if (g.rejected) {
                rejected += g.rows.size();
                issues.addAll(g.rejectAll());
            } else {
                issues.addAll(g.issues);
            }
        }
        return new ImportBatchResult(created, 0, unchanged, rejected, issues);
    }

    /**
     * The file is through: the per-customer effects its batches staged (aggregates, rule tags, tiers)
     * are applied, once per customer, in transactions of their own.
     */
    @Override
    public void finished(ImportContext context) {
        staged.apply(java.time.Duration.ZERO);
    }

    /** Prices the order like one from the API; problems go back to the line and column at fault. */
    private Order draft(
            OrderLineRows.Group g, CustomerMatch match, Map<String, Store> stores, Map<String, ProductView> catalogue) {
        String currency = properties.currency();
        Store store = stores.get(g.value(OrderLineRows.STORE).toLowerCase(Locale.ROOT));
        List<PlaceOrder.Line> lines = g.lines.stream()
                .map(l -> new PlaceOrder.Line(
                        l.sku(),
                        l.quantity(),
                        l.unitPrice() == null ? null : new Money(l.unitPrice(), currency),
                        l.discount() == null ? null : new Money(l.discount(), currency)))
                .toList();
        Instant placedAt = g.when.in(store.zone());
        PlaceOrder command = new PlaceOrder(
                match.customerId() == null ? -1L : match.customerId(),
                store.id(),
                g.channel,
                placedAt,
                g.orderNumber,
                lines,
                null,
                null,
                null,
                0L,
                null,
                List.of());
        try {
            Order order = Order.draft(command, catalogue, currency, placedAt, store.zone());
            order.payWithPoints(0, new Money(java.math.BigDecimal.ZERO, currency));
            String payment = g.value(OrderLineRows.PAYMENT);
            if (payment != null) {
                if (payment.length() > 30) {
                    g.error(g.firstRow, OrderLineRows.PAYMENT, "is longer than 30 characters");
                    return null;
                }
                order.takePayments(List.of(new PlaceOrder.Payment(payment, new Money(order.payable(), currency))));
            }
            return order;
        } catch (InvalidRequestException e) {
            if (e.fieldProblems().isEmpty()) {
                g.error(g.firstRow, null, e.getMessage());
            }
            for (InvalidRequestException.FieldProblem problem : e.fieldProblems()) {
                Matcher m = LINE_FIELD.matcher(problem.field());
                if (m.matches()) {
                    OrderLineRows.Line line = g.lines.get(Integer.parseInt(m.group(1)));
                    String field = switch (m.group(2)) {
                        case "sku" -> OrderLineRows.SKU;
                        case "discount" -> OrderLineRows.DISCOUNT;
                        default -> OrderLineRows.UNIT_PRICE;
                    };
                    g.error(line.row(), field, problem.message());
                } else {
                    g.error(g.firstRow, null, problem.field() + " " + problem.message());
                }
            }
            return null;
        }
    }

    private static String customerField(String field) {
        return switch (field == null ? "" : field) {
            case "phone" -> OrderLineRows.CUSTOMER_PHONE;
            case "name" -> OrderLineRows.CUSTOMER_NAME;
            default -> OrderLineRows.CUSTOMER_ID;
        };
    }

    private Map<String, Store> stores() {
        Map<String, Store> byName = new HashMap<>();
        for (StoreView store : identity.stores()) {
            Store s = new Store(store.id(), ZoneId.of(store.zoneId()));
            byName.put(store.name().toLowerCase(Locale.ROOT), s);
            if (store.code() != null) {
                byName.put(store.code().toLowerCase(Locale.ROOT), s);
            }
        }
        return byName;
    }

    private Map<String, ProductView> catalogue(List<OrderLineRows.Group> groups) {
        Set<String> skus = new HashSet<>();
        groups.forEach(g -> g.lines.forEach(l -> {
            if (l.sku() != null) {
                skus.add(l.sku());
            }
        }));
        Map<String, ProductView> found = new HashMap<>();
        List<String> all = new ArrayList<>(skus);
        for (int from = 0; from < all.size(); from += CHUNK) {
            found.putAll(products.bySku(all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
        return found;
    }

    /**
     * The order of order numbers in the index of imported ones on PostgreSQL (collation "C", V46:
     * UTF-8 bytes, which is the order of code points); {@link String#compareTo} orders by UTF-16 units
     * and puts a character beyond U+FFFF before U+E000–U+FFFF.
     */
    static final java.util.Comparator<String> IN_CODE_POINT_ORDER = (a, b) -> {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 units order as their code points, except that a surrogate (half of a code
                // point beyond U+FFFF) comes after every other unit
                boolean xs = Character.isSurrogate(x);
                return xs == Character.isSurrogate(y) ? Character.compare(x, y) : xs ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /**
     * The order numbers of the batch already imported from this source. A file's order numbers mostly
     * rise, so first the source's orders between the batch's lowest and highest number are read (in
     * the index's order, {@link #IN_CODE_POINT_ORDER}, one range of it): in a new file there are none, in a file
     * imported again they are the batch's own and, as two writers split a file's orders by customer,
     * the other writer's orders in between (about as many again). Only when that range holds more
     * than eight times the batch's orders is each number looked up by itself.
     */
    private Set<String> existing(String source, List<OrderLineRows.Group> groups) {
        List<String> numbers = groups.stream()
                .map(g -> g.orderNumber)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        Set<String> found = new HashSet<>();
        if (numbers.isEmpty()) {
            return found;
        }
        int cap = 8 * numbers.size();
        String lowest = numbers.get(0);
        String highest = lowest;
        for (String number : numbers) {
            lowest = IN_CODE_POINT_ORDER.compare(number, lowest) < 0 ? number : lowest;
            highest = IN_CODE_POINT_ORDER.compare(number, highest) > 0 ? number : highest;
        }
        List<String> range = jdbc.sql("SELECT external_ref FROM customer_order WHERE external_source = :source"
                        + " AND external_ref >= :lowest AND external_ref <= :highest LIMIT :cap")
                .param("source", source)
                .param("lowest", lowest)
                .param("highest", highest)
                .param("cap", cap + 1)
                .query(String.class)
                .list();
        if (range.size() <= cap) {
            Set<String> batch = new HashSet<>(numbers);
            for (String number : range) {
                if (batch.contains(number)) {
                    found.add(number);
                }
            }
            return found;
        }
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            found.addAll(jdbc.sql("SELECT external_ref FROM customer_order WHERE external_source = :source"
                            + " AND external_ref = ANY(:numbers)")
                    .param("source", source)
                    .param(
                            "numbers",
                            numbers.subList(from, Math.min(numbers.size(), from + CHUNK))
                                    .toArray(String[]::new))
                    .query(String.class)
                    .list());
        }
        return found;
    }
}
