package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer timeline (客户360): entries other modules publish, the customer module's own
 * happenings, notes, keyset paging, the type filter, data scopes, and merges with undo.
 */
@IntegrationTest
@Tag("postgres")
class CustomerTimelineIntegrationTests {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    CustomerApi customers;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityApi identity;

    /** A new customer in a store (by code), found again by a unique external id. */
    private long newCustomer(String storeCode, String name) {
        long store = jdbc.sql("SELECT id FROM store WHERE code = ?")
                .param(storeCode)
                .query(Long.class)
                .single();
        String ref = "T-" + UUID.randomUUID();
        customers.bulkRegister(List.of(new DatedCustomer(
                        new CustomerDetails(
                                PartyType.PERSON,
                                CustomerKind.RETAIL,
                                null,
                                name.substring(0, 1),
                                name.substring(1),
                                null,
                                null,
                                null,
                                null,
                                null,
                                "上海",
                                null,
                                null,
                                null,
                                null,
                                SourceChannel.STORE,
                                store,
                                null),
                        Instant.parse("2025-01-01T00:00:00Z"),
                        new ExternalId("timeline-test", ref)))
                .iterator());
        return jdbc.sql(
                        "SELECT customer_id FROM customer_external_id WHERE source = 'timeline-test' AND external_id = ?")
                .param(ref)
                .query(Long.class)
                .single();
    }

    /** What another module does: publish inside its own transaction. */
    private void publishAsAnotherModule(TimelineEntryPublished entry) {
        transactions.executeWithoutResult(status -> events.publishEvent(entry));
    }

    private MockHttpServletRequestBuilder timeline(long customerId, String token) {
        return get("/api/v1/customers/" + customerId + "/timeline").header("Authorization", bearer(token));
    }

    private String admin() throws Exception {
        return Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
    }

    private long entries(long customerId, String sourceModule, String sourceRef) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ? AND source_module = ?"
                        + " AND source_ref = ?")
                .params(customerId, sourceModule, sourceRef)
                .query(Long.class)
                .single();
    }

    /** Follows next cursors to the end and returns every entry as {id, type, occurredAt}. */
    private List<Map<String, Object>> allPages(long customerId, String token, int size, String... types)
            throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        String before = null;
        for (int pages = 0; pages < 1000; pages++) {
            MockHttpServletRequestBuilder request = timeline(customerId, token).param("size", String.valueOf(size));
            for (String type : types) {
                request.param("type", type);
            }
            if (before != null) {
                request.param("before", before);
            }
            String body = mvc.perform(request)
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            List<Map<String, Object>> content = JsonPath.read(body, "$.content");
            assertThat(content.size()).isLessThanOrEqualTo(size);
            all.addAll(content);
            before = JsonPath.read(body, "$.next");
            if (before == null) {
                return all;
            }
            assertThat(content).hasSize(size);
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void entriesPublishedByAnotherModuleAppearOnceEvenWhenReplayed() throws Exception {
        long customer = newCustomer("SH", "周立波");
        String ref = "order:SO-" + UUID.randomUUID();
        TimelineEntryPublished order = new TimelineEntryPublished(
                customer, "order", T0, "订单 ¥1,280.00", "2 items", "sales", ref, "sales.sh.1");
        assertThat(order.type()).isEqualTo("ORDER");

        publishAsAnotherModule(order);
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(customer, "sales", ref) == 1);
        publishAsAnotherModule(order);
        // this event's publications (not other tests' still in flight) have all been handled
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"
                                        + " AND serialized_event LIKE ?")
                                .param("%" + ref + "%")
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(entries(customer, "sales", ref))
                .as("a replayed event adds nothing")
                .isEqualTo(1);
        assertThat(customers.publishTimeline(List.of(order).iterator()))
                .as("nor does the bulk path")
                .isZero();

        mvc.perform(timeline(customer, admin()).param("type", "ORDER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].title").value("订单 ¥1,280.00"))
                .andExpect(jsonPath("$.content[0].detail").value("2 items"))
                .andExpect(jsonPath("$.content[0].sourceModule").value("sales"))
                .andExpect(jsonPath("$.content[0].actor").value("sales.sh.1"))
                .andExpect(jsonPath("$.content[0].occurredAt").value("2026-03-01T08:00:00Z"))
                .andExpect(jsonPath("$.next").doesNotExist());

        TimelineEntryPublished another =
                new TimelineEntryPublished(customer, "ORDER", T0, "again", null, "sales", ref + "-b");
        assertThat(customers.publishTimeline(List.of(order, another, another).iterator()))
                .as("in one bulk call, an entry already there and one given twice are written once")
                .isEqualTo(1);
        assertThat(entries(customer, "sales", ref + "-b")).isEqualTo(1);
    }

    @Test
    void pagingByCursorReturnsEveryEntryOnceNewestFirst() throws Exception {
        long customer = newCustomer("SH", "孙丽华");
        String[] types = {"ORDER", "POINTS", "VISIT", "CALL", "TICKET"};
        // 250 entries, five at each instant, so that ties on occurred_at cross page boundaries.
        long written = customers.publishTimeline(IntStream.range(0, 250)
                .mapToObj(i -> new TimelineEntryPublished(
                        customer,
                        types[i % 5],
                        T0.plusSeconds(3600L * (i / 5)),
                        "entry " + i,
                        null,
                        "import",
                        customer + ":" + i))
                .iterator());
        assertThat(written).isEqualTo(250);
        long total = jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();

        List<Map<String, Object>> all = allPages(customer, admin(), 7);
        assertThat(all).hasSize((int) total);
        Set<Object> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.get("id")));
        assertThat(ids).as("no entry twice").hasSize(all.size());
        for (int i = 1; i < all.size(); i++) {
            Instant previous = Instant.parse((String) all.get(i - 1).get("occurredAt"));
            Instant current = Instant.parse((String) all.get(i).get("occurredAt"));
            assertThat(current).isBeforeOrEqualTo(previous);
            if (current.equals(previous)) {
                assertThat(((Number) all.get(i).get("id")).longValue())
                        .isLessThan(((Number) all.get(i - 1).get("id")).longValue());
            }
        }
    }

    @Test
    void filtersByOneOrSeveralTypes() throws Exception {
        long customer = newCustomer("SH", "钱志强");
        String[] types = {"ORDER", "POINTS", "CALL", "CAMPAIGN"};
        customers.publishTimeline(IntStream.range(0, 40)
                .mapToObj(i -> new TimelineEntryPublished(
                        customer, types[i % 4], T0.plusSeconds(60L * i), "e" + i, null, "import", customer + "/" + i))
                .iterator());
        String admin = admin();

        List<Map<String, Object>> calls = allPages(customer, admin, 3, "CALL");
        assertThat(calls).hasSize(10).allSatisfy(e -> assertThat(e.get("type")).isEqualTo("CALL"));
        List<Map<String, Object>> ordersAndCalls = allPages(customer, admin, 4, "ORDER", "call");
        assertThat(ordersAndCalls)
                .hasSize(20)
                .allSatisfy(e -> assertThat(e.get("type")).isIn("ORDER", "CALL"));
        assertThat(ordersAndCalls.get(0).get("title")).isEqualTo("e38");
        assertThat(ordersAndCalls.get(19).get("title")).isEqualTo("e0");
        mvc.perform(timeline(customer, admin).param("type", "ORDER,CAMPAIGN").param("size", "50"))
                .andExpect(jsonPath("$.content.length()").value(20));
        mvc.perform(timeline(customer, admin).param("type", "not a type"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(timeline(customer, admin).param("before", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("before"));
        mvc.perform(timeline(customer, admin).param("size", "0")).andExpect(status().isBadRequest());

        String section = mvc.perform(get("/customers/" + customer + "/timeline")
                        .header("HX-Request", "true")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> chips = new ArrayList<>();
        java.util.regex.Matcher chip = java.util.regex.Pattern.compile("name=\"type\" value=\"([A-Z_]+)\"")
                .matcher(section);
        while (chip.find()) {
            chips.add(chip.group(1));
        }
        assertThat(chips).as("filter chips, common types first").containsExactly("ORDER", "POINTS", "CALL", "CAMPAIGN");
    }

    @Test
    void aCustomerOutsideTheCallersScopeIsNotFound() throws Exception {
        long beijing = newCustomer("BJ", "赵敏");
        long shanghai = newCustomer("SH", "吴磊");
        String manager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(timeline(shanghai, manager)).andExpect(status().isOk());
        mvc.perform(timeline(beijing, manager))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/customers/" + beijing + "/timeline/notes")
                        .header("Authorization", bearer(manager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"CALL\",\"text\":\"hello\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/customers/" + beijing + "/timeline")
                        .header("HX-Request", "true")
                        .header("Authorization", bearer(manager)))
                .andExpect(status().isNotFound());
        String rep = Api.token(mvc, "sales.sh.1", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(timeline(shanghai, rep)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ? AND type = 'CALL'")
                        .param(beijing)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void staffLogNotesAndTheCustomersOwnChangesAreOnTheTimeline() throws Exception {
        String admin = admin();
        String created = mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"familyName\":\"冯\","
                                + "\"givenName\":\"晓\",\"phone\":\"13912345678\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long customer = Api.firstId(created);
        mvc.perform(put("/api/v1/customers/" + customer)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"familyName\":\"冯\","
                                + "\"givenName\":\"晓\",\"phone\":\"13912345678\",\"email\":\"feng@example.com\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/customers/" + customer + "/timeline/notes")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"CALL\",\"text\":\"回访：对新品感兴趣\\n下周到店\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.type").value("CALL"))
                .andExpect(jsonPath("$.title").value("回访：对新品感兴趣"))
                .andExpect(jsonPath("$.detail").value("回访：对新品感兴趣\n下周到店"))
                .andExpect(jsonPath("$.actor").value("admin"));
        mvc.perform(post("/api/v1/customers/" + customer + "/timeline/notes")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"CALL\",\"text\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));

        mvc.perform(timeline(customer, admin))
                .andExpect(jsonPath("$.content.length()").value(3))
                .andExpect(jsonPath("$.content[0].type").value("CALL"))
                .andExpect(jsonPath("$.content[1].title").value("CUSTOMER_UPDATED"))
                .andExpect(jsonPath("$.content[1].detail").value("email"))
                .andExpect(jsonPath("$.content[2].title").value("CUSTOMER_CREATED"));

        mvc.perform(get("/customers/" + customer).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"timeline\"")))
                .andExpect(content().string(containsString("回访：对新品感兴趣")))
                .andExpect(content().string(containsString("id=\"customer-quality\"")));
        mvc.perform(get("/customers/" + customer + "/timeline")
                        .param("type", "PROFILE")
                        .header("HX-Request", "true")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-type=\"PROFILE\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("data-type=\"CALL\""))));
    }

    @Test
    void claimsAndOwnerTransfersAreOnTheTimeline() throws Exception {
        long customer = newCustomer("SH", "郑凯");
        String rep = Api.token(mvc, "sales.sh.2", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + customer + "/claim").header("Authorization", bearer(rep)))
                .andExpect(status().isNoContent());
        long newOwner = jdbc.sql("SELECT id FROM app_user WHERE username = 'sales.sh.1'")
                .query(Long.class)
                .single();
        String manager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + customer + "/owner")
                        .header("Authorization", bearer(manager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerId\":" + newOwner + "}"))
                .andExpect(status().isOk());
        mvc.perform(timeline(customer, manager).param("type", "OWNER"))
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].title").value("OWNER_TRANSFERRED"))
                .andExpect(jsonPath("$.content[0].detail").value("上海客户经理2 → 上海客户经理1"))
                .andExpect(jsonPath("$.content[0].actor").value("manager.sh"))
                .andExpect(jsonPath("$.content[1].title").value("CUSTOMER_CLAIMED"))
                .andExpect(jsonPath("$.content[1].actor").value("sales.sh.2"));
    }

    @Test
    void customersOfADepartingOwnerShowTheirReturnToThePool() throws Exception {
        long shanghai = jdbc.sql("SELECT id FROM store WHERE code = 'SH'")
                .query(Long.class)
                .single();
        long rep = identity.createUser(new NewUser(
                        "timeline.rep", "时间线测试", null, "timeline-rep-password", Role.SALES, null, shanghai, null))
                .id();
        long customer = newCustomer("SH", "何平");
        jdbc.sql("UPDATE customer SET owner_id = ? WHERE id = ?")
                .params(rep, customer)
                .update();
        String admin = admin();
        mvc.perform(post("/api/v1/users/" + rep + "/deactivate").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?"
                                        + " AND title = 'RETURNED_TO_POOL'")
                                .param(customer)
                                .query(Long.class)
                                .single()
                        == 1);
        mvc.perform(timeline(customer, admin).param("type", "OWNER"))
                .andExpect(jsonPath("$.content[0].detail").value("timeline.rep"))
                .andExpect(jsonPath("$.content[0].actor").value("system"));
    }

    @Test
    void theOlderButtonCarriesTheCursorAndTheFilter() throws Exception {
        long customer = newCustomer("SH", "陈静");
        customers.publishTimeline(IntStream.range(0, 30)
                .mapToObj(i -> new TimelineEntryPublished(
                        customer, "VISIT", T0.plusSeconds(i), "visit " + i, null, "import", "v" + customer + i))
                .iterator());
        String admin = admin();
        String page = mvc.perform(get("/customers/" + customer).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("visit 29").doesNotContain("visit 9<"); // the first page holds 20 entries at most
        String next = page.replaceAll(
                        "(?s).*hx-get=\"/customers/" + customer + "/timeline\\?([^\"]*before=[^\"]*)\".*", "$1")
                .replace("&amp;", "&");
        assertThat(next).contains("before=");
        MockHttpServletRequestBuilder older = get("/customers/" + customer + "/timeline?" + next)
                .header("HX-Request", "true")
                .header("Authorization", bearer(admin));
        String more = mvc.perform(older)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(more).contains("visit 9").doesNotContain("visit 10<").doesNotContain("id=\"timeline-note\"");
    }

    @Test
    void aMergeMovesTheEntriesToTheSurvivorAndUndoPutsThemBack() throws Exception {
        long survivor = newCustomer("SH", "林晓梅");
        long merged = newCustomer("SH", "林小梅");
        long earlier = newCustomer("SH", "林晓枚");
        customers.publishTimeline(List.of(
                        new TimelineEntryPublished(
                                survivor, "ORDER", T0, "survivor order", null, "sales", "m-s-" + survivor),
                        new TimelineEntryPublished(
                                merged, "ORDER", T0.plusSeconds(10), "merged order", null, "sales", "m-m-" + merged),
                        new TimelineEntryPublished(
                                merged,
                                "POINTS",
                                T0.plusSeconds(20),
                                "merged points",
                                null,
                                "loyalty",
                                "m-p-" + merged),
                        new TimelineEntryPublished(
                                earlier,
                                "TICKET",
                                T0.plusSeconds(5),
                                "earlier ticket",
                                null,
                                "service",
                                "m-t-" + earlier))
                .iterator());
        String admin = admin();
        // merges of merges: "earlier" goes into "merged" first, then "merged" into the survivor
        long first = merge(admin, merged, earlier);
        long second = merge(admin, survivor, merged);
        mvc.perform(timeline(merged, admin)).andExpect(status().isNotFound());
        assertThat(titles(survivor, admin, "ORDER", "POINTS", "TICKET"))
                .containsExactly("merged points", "merged order", "earlier ticket", "survivor order");
        // published for a merged customer after the merge: shows on the survivor
        customers.publishTimeline(List.of(new TimelineEntryPublished(
                        earlier, "CALL", T0.plusSeconds(30), "call after merge", null, "service", "m-c-" + earlier))
                .iterator());
        assertThat(titles(survivor, admin, "CALL")).containsExactly("call after merge");
        mvc.perform(timeline(survivor, admin).param("type", "MERGE"))
                .andExpect(jsonPath("$.content[0].title").value("CUSTOMERS_MERGED"));

        mvc.perform(post("/api/v1/customers/merges/" + second + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        assertThat(titles(survivor, admin, "ORDER", "POINTS", "TICKET", "CALL")).containsExactly("survivor order");
        assertThat(titles(merged, admin, "ORDER", "POINTS", "TICKET", "CALL"))
                .containsExactly("call after merge", "merged points", "merged order", "earlier ticket");

        mvc.perform(post("/api/v1/customers/merges/" + first + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        assertThat(titles(merged, admin, "ORDER", "POINTS", "TICKET", "CALL"))
                .containsExactly("merged points", "merged order");
        assertThat(titles(earlier, admin, "ORDER", "POINTS", "TICKET", "CALL"))
                .containsExactly("call after merge", "earlier ticket");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id <> origin_customer_id"
                                + " AND origin_customer_id IN (?, ?, ?)")
                        .params(survivor, merged, earlier)
                        .query(Long.class)
                        .single())
                .as("every entry is back on the customer it was written for")
                .isZero();
    }

    private long merge(String token, long survivorId, long mergedId) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + survivorId + ",\"mergedId\":" + mergedId + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private List<String> titles(long customerId, String token, String... types) throws Exception {
        return allPages(customerId, token, 50, types).stream()
                .map(e -> (String) e.get("title"))
                .toList();
    }
}
