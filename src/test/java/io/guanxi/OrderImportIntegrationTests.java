package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.domain.PersonalData;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order lines imported through the import pipeline on the real database: dry run with a per-row
 * report, commit, idempotent re-import, customers matched by external id or phone or created, the
 * same points and aggregates as orders placed one by one, and refunds of imported orders.
 */
@IntegrationTest
@Tag("postgres")
class OrderImportIntegrationTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String HEADER = "订单号,下单时间,门店,会员号,手机,姓名,商品编码,数量,单价,折扣,支付方式\n";

    @Autowired
    PersonalData personal;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    io.guanxi.order.domain.StagedPurchases staged;

    @Autowired
    io.guanxi.loyalty.ServicePackageApi packages;

    String admin;
    String source;
    String store;
    String oil;
    String coffee;
    String tag;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        tag = SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        source = "pos-" + tag;
        store = jdbc.sql("SELECT code FROM store ORDER BY id LIMIT 1")
                .query(String.class)
                .single();
        oil = product("OIL", "SERVICE", "399.00");
        coffee = product("COFFEE", "FOOD", "28.50");
    }

    private String product(String name, String category, String price) throws Exception {
        String sku = name + "-" + tag;
        mvc.perform(post("/api/v1/products")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"categoryCode\":\"" + category
                                + "\",\"price\":{\"amount\":\"" + price + "\",\"currency\":\"CNY\"}}"))
                .andExpect(status().isCreated());
        return sku;
    }

    private String phone(int n) {
        return "139" + String.format("%08d", Math.abs((tag + n).hashCode()) % 100_000_000);
    }

    private long newCustomer(String name, String phone, String birthday) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\""
                                + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                                + (birthday == null ? "" : ",\"birthday\":\"" + birthday + "\"") + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private JsonNode upload(String csv, boolean dryRun) throws Exception {
        String body = mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "订单.csv", "text/csv", ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8)))
                        .param("recordType", "order")
                        .param("source", source)
                        .param("dryRun", Boolean.toString(dryRun))
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = json.readTree(body).get("id").asLong();
        for (int i = 0; i < 300; i++) {
            JsonNode status =
                    json.readTree(mvc.perform(get("/api/v1/imports/" + id).header("Authorization", bearer(admin)))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString());
            String state = status.get("state").asString();
            if (state.equals("DONE") || state.equals("FAILED")) {
                assertThat(state).as("import error: %s", status.get("error")).isEqualTo("DONE");
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private static long count(JsonNode status, String name) {
        return status.get("counts").get(name).asLong();
    }

    private static List<String> report(JsonNode status) {
        return StreamSupport.stream(status.get("report").spliterator(), false)
                .map(l -> l.get("row").asLong() + " " + l.get("column").asString() + " "
                        + l.get("severity").asString())
                .toList();
    }

    private long importedOrders() {
        return jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE external_source = ?")
                .param(source)
                .query(Long.class)
                .single();
    }

    private String at(int daysAgo) {
        return Instant.now()
                .minus(daysAgo, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private String file() {
        return HEADER
                + "A-1," + at(20) + "," + store + ",M-" + tag + ",,王小明," + oil + ",1,,50,微信支付\n" // rows 2-3: one order
                + "A-1," + at(20) + "," + store + ",M-" + tag + ",,王小明," + coffee + ",2,,,微信支付\n"
                + "A-2," + at(10) + "," + store + ",M-" + tag + ",,王小明," + coffee + ",1,30.00,,\n" // row 4
                + "A-3," + at(5) + "," + store + ",,,李四,NOPE-" + tag + ",1,,,\n" // row 5: unknown SKU
                + "A-4," + at(5) + "," + store + ",,,赵五," + oil + ",two,,,\n" // row 6: bad quantity
                + "A-5,not-a-date," + store + ",,,钱六," + oil + ",1,,,\n" // row 7: bad date
                + "A-6," + at(4) + "," + store + ",,,孙七," + oil + ",1,,,\n" // rows 8-9: second line bad, order rejected
                + "A-6," + at(4) + "," + store + ",,,孙七," + coffee + ",0,,,\n";
    }

    @Test
    void dryRunReportsEachBadLineByRowAndColumnAndWritesNothing() throws Exception {
        JsonNode dry = upload(file(), true);

        assertThat(dry.get("mapping").get("订单号").asString()).isEqualTo("orderNumber");
        assertThat(dry.get("mapping").get("商品编码").asString()).isEqualTo("sku");
        assertThat(count(dry, "created")).isEqualTo(3);
        assertThat(count(dry, "rejected")).isEqualTo(5);
        assertThat(report(dry)).contains("5 商品编码 ERROR", "6 数量 ERROR", "7 下单时间 ERROR", "9 数量 ERROR", "8 订单号 ERROR");
        assertThat(importedOrders()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_external_id WHERE source = ?")
                        .param(source)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void commitWritesTheGoodOrdersAndImportingAgainChangesNothing() throws Exception {
        JsonNode done = upload(file(), false);

        assertThat(count(done, "created")).isEqualTo(3);
        assertThat(count(done, "rejected")).isEqualTo(5);
        assertThat(importedOrders()).isEqualTo(2);
        Map<String, Object> first = jdbc.sql(
                        "SELECT * FROM customer_order WHERE external_source = ? AND external_ref = 'A-1'")
                .param(source)
                .query()
                .singleRow();
        assertThat(first.get("payable").toString()).isEqualTo("406.00"); // 399 - 50 + 2 × 28.50
        assertThat(((Number) first.get("points_earned")).longValue()).isEqualTo(406);
        long customer = ((Number) first.get("customer_id")).longValue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_line WHERE order_id = ?")
                        .param(first.get("id"))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT method FROM order_payment WHERE order_id = ?")
                        .param(first.get("id"))
                        .query(String.class)
                        .single())
                .isEqualTo("微信支付");
        assertThat(jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(406 + 30);
        assertThat(jdbc.sql("SELECT order_count FROM customer_purchase_summary WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        JsonNode again = upload(file(), false);

        assertThat(count(again, "created")).isZero();
        assertThat(count(again, "unchanged")).isEqualTo(3);
        assertThat(importedOrders()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_movement WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT order_count FROM customer_purchase_summary WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void anOrderImportedBeforeIsFoundAmongManyOthersBetweenTheBatchsNumbers() throws Exception {
        StringBuilder earlier = new StringBuilder(HEADER);
        for (int n = 100; n < 200; n++) {
            earlier.append("B-" + n + "," + at(20) + "," + store + ",M-" + tag + ",,王小明," + coffee + ",1,,,\n");
        }
        assertThat(count(upload(earlier.toString(), false), "created")).isEqualTo(100);

        // B-150 was imported; B-2 is new, and fifty imported orders sort between the two numbers
        JsonNode later = upload(
                HEADER
                        + "B-150," + at(20) + "," + store + ",M-" + tag + ",,王小明," + coffee + ",1,,,\n"
                        + "B-2," + at(3) + "," + store + ",M-" + tag + ",,王小明," + coffee + ",3,,,\n",
                false);

        assertThat(count(later, "unchanged")).isEqualTo(1);
        assertThat(count(later, "created")).isEqualTo(1);
        assertThat(importedOrders()).isEqualTo(101);
    }

    @Test
    void customersAreMatchedByExternalIdOrPhoneOrCreated() throws Exception {
        long byPhone = newCustomer("手机客户", phone(1), null);
        long byExternalId = newCustomer("会员客户", null, null);
        jdbc.sql("INSERT INTO customer_external_id (source, external_id, customer_id) VALUES (?, ?, ?)")
                .params(source, "VIP-" + tag, byExternalId)
                .update();
        String csv = HEADER
                + "B-1," + at(3) + "," + store + ",,\"" + phone(1).substring(0, 3) + " " + phone(1).substring(3)
                + "\",,"
                + oil + ",1,,,\n"
                + "B-2," + at(3) + "," + store + ",VIP-" + tag + ",,," + oil + ",1,,,\n"
                + "B-3," + at(3) + "," + store + ",NEW-" + tag + "," + phone(2) + ",新客户," + oil + ",1,,,\n"
                + "B-4," + at(2) + "," + store + ",NEW-" + tag + ",,新客户," + coffee + ",1,,,\n"
                + "B-5," + at(2) + "," + store + ",,,没有手机," + oil + ",1,,,\n";

        JsonNode done = upload(csv, false);

        assertThat(count(done, "created")).isEqualTo(4);
        assertThat(report(done)).containsExactly("6 会员号 ERROR");
        Map<String, Long> owners = new java.util.HashMap<>();
        jdbc.sql("SELECT external_ref, customer_id FROM customer_order WHERE external_source = ?")
                .param(source)
                .query(rs -> {
                    owners.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(owners.get("B-1")).isEqualTo(byPhone);
        assertThat(owners.get("B-2")).isEqualTo(byExternalId);
        assertThat(owners.get("B-3")).isEqualTo(owners.get("B-4")).isNotIn(byPhone, byExternalId);
        Map<String, Object> created = jdbc.sql(
                        "SELECT c.display_name, c.phone FROM customer c"
                                + " JOIN customer_external_id e ON e.customer_id = c.id WHERE e.source = ? AND e.external_id = ?")
                .params(source, "NEW-" + tag)
                .query()
                .singleRow();
        assertThat(created.get("display_name")).isEqualTo("新客户");
        assertThat(personal.decrypt(PersonalData.Field.PHONE, (String) created.get("phone")))
                .as("stored encrypted, the number it holds")
                .isEqualTo("+86" + phone(2));
    }

    @Test
    void importedOrdersEarnTheSamePointsAndAggregatesAsOrdersPlacedOneByOne() throws Exception {
        String birthday = Instant.now()
                .minus(3, ChronoUnit.DAYS)
                .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toLocalDate()
                .withYear(1990)
                .withDayOfMonth(1)
                .toString();
        long importedA = newCustomer("导入甲", phone(10), birthday);
        long importedB = newCustomer("导入乙", phone(11), null);
        long placedA = newCustomer("逐单甲", phone(12), birthday);
        long placedB = newCustomer("逐单乙", phone(13), null);
        long storeId = jdbc.sql("SELECT id FROM store WHERE code = ?")
                .param(store)
                .query(Long.class)
                .single();
        record Line(String order, String when, int customer, String sku, int qty, String price, String discount) {}
        List<Line> lines = List.of(
                new Line("C-1", at(3), 0, oil, 2, "", "15.50"),
                new Line("C-1", at(3), 0, coffee, 3, "26.80", ""),
                new Line("C-2", at(40), 1, coffee, 1, "", ""),
                new Line("C-3", at(30), 1, oil, 1, "388.88", "0.01"),
                new Line("C-3", at(30), 1, coffee, 5, "", "3.33"),
                new Line("C-4", at(3), 0, oil, 1, "", ""));
        StringBuilder csv = new StringBuilder(HEADER);
        for (Line l : lines) {
            csv.append(l.order() + "," + l.when() + "," + store + ",," + phone(10 + l.customer()) + ",," + l.sku() + ","
                    + l.qty() + "," + l.price() + "," + l.discount() + ",\n");
        }
        upload(csv.toString(), false);
        List<String> orders = lines.stream().map(Line::order).distinct().toList();
        for (String order : orders) {
            List<Line> of = lines.stream().filter(l -> l.order().equals(order)).toList();
            List<String> items = new ArrayList<>();
            for (Line l : of) {
                items.add("{\"sku\":\"" + l.sku() + "\",\"quantity\":" + l.qty()
                        + (l.price().isEmpty()
                                ? ""
                                : ",\"unitPrice\":{\"amount\":\"" + l.price() + "\",\"currency\":\"CNY\"}")
                        + (l.discount().isEmpty()
                                ? ""
                                : ",\"discount\":{\"amount\":\"" + l.discount() + "\",\"currency\":\"CNY\"}")
                        + "}");
            }
            mvc.perform(post("/api/v1/orders")
                            .header("Authorization", bearer(admin))
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"customerId\":" + (of.get(0).customer() == 0 ? placedA : placedB)
                                    + ",\"storeId\":"
                                    + storeId + ",\"channel\":\"STORE\",\"placedAt\":\""
                                    + of.get(0).when() + "\",\"lines\":["
                                    + String.join(",", items) + "]}"))
                    .andExpect(result -> assertThat(result.getResponse().getStatus())
                            .as(result.getResponse().getContentAsString())
                            .isEqualTo(201));
        }

        assertThat(earnings(importedA)).isEqualTo(earnings(placedA)).isNotEmpty();
        assertThat(earnings(importedB)).isEqualTo(earnings(placedB)).isNotEmpty();
        for (long[] pair : new long[][] {{importedA, placedA}, {importedB, placedB}}) {
            assertThat(summary(pair[0])).isEqualTo(summary(pair[1]));
            assertThat(categories(pair[0])).isEqualTo(categories(pair[1]));
            assertThat(metrics(pair[0])).isEqualTo(metrics(pair[1])).contains("\"orders.lastPurchase\"");
            assertThat(balance(pair[0])).isEqualTo(balance(pair[1]));
            // Two orders share their time: entries are compared as a set, not in their order of arrival.
            assertThat(timeline(pair[0]))
                    .containsExactlyInAnyOrderElementsOf(timeline(pair[1]).stream()
                            .map(entry -> entry.replaceAll("#\\d+", "#"))
                            .toList());
        }
    }

    @Test
    void anImportedOrderIsRefundedThroughTheNormalRefundPath() throws Exception {
        String csv = HEADER + "R-1," + at(2) + "," + store + ",R-" + tag + ",,退款客户," + oil + ",2,,,\n";
        upload(csv, false);
        Map<String, Object> order = importedOrder();
        long customer = ((Number) order.get("customer_id")).longValue();
        assertThat(balance(customer)).isEqualTo(798);

        refundOneOfTheFirstLine(order.get("id"));

        assertThat(balance(customer)).isEqualTo(399);
        assertThat(summary(customer)).contains("spend=399.00", "refunded=399.00");
    }

    @Test
    void anImportedServicePackageGrantsItsEntitlementsAndARefundRevokesOne() throws Exception {
        String care = product("CARE", "SERVICE", "599.00");
        packages.define(care, "三次保养 " + tag, "MAINTENANCE", 3, 12, null);
        String csv = HEADER + "P-1," + at(2) + "," + store + ",P-" + tag + ",,套餐客户," + care + ",2,,,\n" + "P-1," + at(2)
                + "," + store + ",P-" + tag + ",,套餐客户," + coffee + ",1,,,\n";
        upload(csv, false);
        Map<String, Object> order = importedOrder();
        long customer = ((Number) order.get("customer_id")).longValue();
        assertThat(entitlements(customer)).containsExactly("ACTIVE 3", "ACTIVE 3");

        refundOneOfTheFirstLine(order.get("id"));

        assertThat(entitlements(customer)).containsExactlyInAnyOrder("ACTIVE 3", "REVOKED 0");
    }

    private List<String> entitlements(long customer) {
        return jdbc.sql("SELECT status, uses_remaining FROM entitlement WHERE customer_id = ? ORDER BY unit_no")
                .param(customer)
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2))
                .list();
    }

    @Test
    void aRefundBeforeTheImportsLastStepIsKeptWhenTheStagedPurchasesFollow() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                io.guanxi.support.TestDatabase.postgres(), "only PostgreSQL stages an import's per-customer effects");
        String csv = HEADER + "S-1," + at(3) + "," + store + ",S-" + tag + ",,暂存退款," + oil + ",2,,,\n" + "S-1," + at(3)
                + "," + store + ",S-" + tag + ",,暂存退款," + coffee + ",1,,,\n";
        upload(csv, false);
        Map<String, Object> order = importedOrder();
        long customer = ((Number) order.get("customer_id")).longValue();
        String applied = summary(customer);
        List<String> categories = categories(customer);
        // as between a batch's commit and the import's last step: the order is stored, its
        // per-customer effects are staged, and the customer has no summary yet
        jdbc.sql("INSERT INTO purchase_staged_total (customer_id, currency, first_purchase_at, last_purchase_at,"
                        + " order_count, spend, last_purchase_day, visit_days, category_codes, category_spend,"
                        + " category_quantity) SELECT customer_id, currency, first_purchase_at, last_purchase_at,"
                        + " order_count, spend, last_purchase_day, visit_days, category_codes, category_spend,"
                        + " category_quantity FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customer)
                .update();
        jdbc.sql("DELETE FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customer)
                .update();

        refundOneOfTheFirstLine(order.get("id"));
        staged.apply(java.time.Duration.ZERO);

        assertThat(applied).contains("orders=1 spend=826.50 refunded=0.00");
        assertThat(summary(customer))
                .isEqualTo(applied.replace("spend=826.50 refunded=0.00", "spend=427.50 refunded=399.00"));
        assertThat(categories).containsExactly("FOOD 28.50 1", "SERVICE 798.00 2");
        assertThat(categories(customer)).containsExactly("FOOD 28.50 1", "SERVICE 399.00 1");
    }

    /** The one order the test imported: its id and customer. */
    private Map<String, Object> importedOrder() {
        return jdbc.sql("SELECT id, customer_id FROM customer_order WHERE external_source = ?")
                .param(source)
                .query()
                .singleRow();
    }

    private void refundOneOfTheFirstLine(Object orderId) throws Exception {
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":1}],\"reason\":\"退一件\"}"))
                .andExpect(status().isCreated());
    }

    private List<String> earnings(long customer) {
        return jdbc.sql("SELECT m.points, m.occurred_at, l.available_at, l.expires_at FROM points_movement m"
                        + " JOIN points_lot l ON l.movement_id = m.id WHERE m.customer_id = ? AND m.reason = 'PURCHASE'"
                        + " ORDER BY m.occurred_at, m.points")
                .param(customer)
                .query((rs, n) -> rs.getLong(1) + " " + rs.getTimestamp(2).toInstant() + " "
                        + rs.getTimestamp(3).toInstant() + " "
                        + rs.getTimestamp(4).toInstant())
                .list();
    }

    private long balance(long customer) {
        return jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single()
                - jdbc.sql(
                                "SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ? AND reason <> 'PURCHASE'"
                                        + " AND type = 'EARN'")
                        .param(customer)
                        .query(Long.class)
                        .single();
    }

    private String summary(long customer) {
        return jdbc.sql("SELECT first_purchase_at, last_purchase_at, order_count, spend, refunded, visit_count,"
                        + " last_purchase_day FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customer)
                .query((rs, n) -> "first=" + rs.getTimestamp(1).toInstant() + " last="
                        + rs.getTimestamp(2).toInstant()
                        + " orders=" + rs.getLong(3) + " spend=" + rs.getBigDecimal(4) + " refunded="
                        + rs.getBigDecimal(5)
                        + " visits=" + rs.getLong(6) + " lastDay=" + rs.getLong(7))
                .single();
    }

    /** The customer's visit days as the summary keeps them. */
    private String visitDays(long customer) {
        return jdbc.sql("SELECT visit_days FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customer)
                .query((rs, n) -> java.util.Arrays.stream(
                                (Object[]) rs.getArray(1).getArray())
                        .map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")))
                .single();
    }

    private List<String> categories(long customer) {
        return io.guanxi.support.PurchaseArrays.categories(jdbc, customer);
    }

    /** The customer's figures as rules and the customer page see them (kept and recorded ones). */
    private String metrics(long customer) throws Exception {
        return mvc.perform(get("/api/v1/customers/" + customer + "/metrics").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The customer's order entries as the timeline shows them (occurred at and detail, order numbers left out). */
    private List<String> timeline(long customer) throws Exception {
        String body = mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                        .param("type", "ORDER")
                        .param("size", "200")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Map<String, Object>> entries = com.jayway.jsonpath.JsonPath.read(body, "$.content");
        return entries.stream()
                .map(e -> e.get("occurredAt") + " "
                        + String.valueOf(e.get("detail")).replaceAll("#\\d+", "#"))
                .toList();
    }

    @Test
    void effectsAnInterruptedImportStagedAreAppliedByTheSweepWhenOldEnough() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                io.guanxi.support.TestDatabase.postgres(), "only PostgreSQL stages an import's per-customer effects");
        long customer = newCustomer("暂存客户", null, null);
        // two batches of an import that stopped two hours ago, and one of an import still running
        // (one of its visit days comes before those already applied)
        jdbc.sql("INSERT INTO purchase_staged_total (customer_id, currency, first_purchase_at, last_purchase_at,"
                        + " order_count, spend, last_purchase_day, visit_days, category_codes, category_spend,"
                        + " category_quantity, staged_at) VALUES"
                        + " (:c, 'CNY', TIMESTAMPTZ '2026-03-01 10:00+08', TIMESTAMPTZ '2026-03-01 10:00+08', 1, 100.00,"
                        + " :d1, '{2026-03-01}', '{CARE,FOOD}', '{40.00,60.00}', '{1,2}', now() - INTERVAL '2 hours'),"
                        + " (:c, 'CNY', TIMESTAMPTZ '2026-03-05 11:00+08', TIMESTAMPTZ '2026-03-06 12:00+08', 2, 200.00,"
                        + " :d2, '{2026-03-01,2026-03-05}', '{FOOD}', '{200.00}', '{3}', now() - INTERVAL '2 hours'),"
                        + " (:c, 'CNY', TIMESTAMPTZ '2026-02-20 09:00+08', TIMESTAMPTZ '2026-04-01 09:00+08', 2, 40.00,"
                        + " :d3, '{2026-02-20,2026-04-01}', '{FOOD}', '{40.00}', '{1}', now())")
                .param("c", customer)
                .param("d1", java.time.LocalDate.of(2026, 3, 1).toEpochDay())
                .param("d2", java.time.LocalDate.of(2026, 3, 6).toEpochDay())
                .param("d3", java.time.LocalDate.of(2026, 4, 1).toEpochDay())
                .update();

        assertThat(staged.apply(java.time.Duration.ofHours(1)))
                .as("only the interrupted import's customer")
                .isEqualTo(1);

        long march6 = java.time.LocalDate.of(2026, 3, 6).toEpochDay();
        assertThat(summary(customer))
                .as("three orders of two batches, two visit days (one staged twice)")
                .isEqualTo("first=2026-03-01T02:00:00Z last=2026-03-06T04:00:00Z orders=3 spend=300.00"
                        + " refunded=0.00 visits=2 lastDay=" + march6);
        assertThat(categories(customer)).containsExactly("CARE 40.00 1", "FOOD 260.00 5");
        assertThat(visitDays(customer)).isEqualTo("2026-03-01,2026-03-05");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM purchase_staged_total WHERE customer_id = :c")
                        .param("c", customer)
                        .query(Long.class)
                        .single())
                .as("the running import's row waits for it")
                .isEqualTo(1);

        staged.apply(java.time.Duration.ZERO);

        assertThat(summary(customer))
                .isEqualTo("first=2026-02-20T01:00:00Z last=2026-04-01T01:00:00Z orders=5 spend=340.00"
                        + " refunded=0.00 visits=4 lastDay="
                        + java.time.LocalDate.of(2026, 4, 1).toEpochDay());
        assertThat(visitDays(customer)).as("merged in order").isEqualTo("2026-02-20,2026-03-01,2026-03-05,2026-04-01");
        assertThat(categories(customer)).containsExactly("CARE 40.00 1", "FOOD 300.00 6");
        assertThat(staged.apply(java.time.Duration.ZERO))
                .as("the partitions were emptied: nothing is applied twice")
                .isZero();
        assertThat(summary(customer)).contains("orders=5 spend=340.00");
    }
}
