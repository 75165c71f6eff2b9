package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.guanxi.customer.domain.PersonalData;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.loyalty.domain.care.CareMoments;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Care moments end to end: the job picks the customers whose day it is in their store's zone, sends
 * through a real SMTP server (GreenMail), only with consent, once, and logs it on the timeline.
 * Runs use instants in later years, so that only the customers made here match their day.
 */
@IntegrationTest
@Tag("postgres")
class CareMomentsIntegrationTests {

    @Autowired
    PersonalData personal;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CareMoments care;

    @Autowired
    IdentityApi identity;

    String admin;
    long shanghai;
    long losAngeles;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        shanghai = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        jdbc.sql("UPDATE store SET zone_id = 'Asia/Shanghai' WHERE id = ?")
                .param(shanghai)
                .update();
        losAngeles = jdbc.sql("SELECT MAX(id) FROM store").query(Long.class).single();
        assertThat(losAngeles).isNotEqualTo(shanghai);
        jdbc.sql("UPDATE store SET zone_id = 'America/Los_Angeles' WHERE id = ?")
                .param(losAngeles)
                .update();
    }

    private long customer(String name, String birthday, long store, boolean consent) throws Exception {
        String email = "care-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\","
                                + "\"email\":\"" + email + "\",\"storeId\":" + store
                                + (birthday == null ? "" : ",\"birthday\":\"" + birthday + "\"") + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = Api.firstId(body);
        if (consent) {
            Api.consentToEmail(mvc, admin, id);
        }
        return id;
    }

    private String email(long customer) {
        return TestMail.addressOf(personal, jdbc, customer);
    }

    private static List<MimeMessage> mailTo(String address) {
        return TestMail.to(address);
    }

    private List<Map<String, Object>> log(long customer) {
        return jdbc.sql("SELECT moment, occasion, due_on, status, reason, subject FROM care_message"
                        + " WHERE customer_id = ? ORDER BY id")
                .param(customer)
                .query()
                .listOfRows();
    }

    @Test
    void greetsOnTheBirthdayInTheStoreZoneByRealEmail() throws Exception {
        long inShanghai = customer("生日客户", "1990-03-15", shanghai, true);
        long inLosAngeles = customer("Birthday Customer", "1985-03-15", losAngeles, true);

        care.run(Instant.parse("2030-03-14T15:30:00Z")); // 23:30 on the 14th in Shanghai
        assertThat(log(inShanghai)).isEmpty();

        care.run(Instant.parse("2030-03-14T16:30:00Z")); // 00:30 on the 15th in Shanghai, the 14th in LA
        assertThat(log(inShanghai)).singleElement().satisfies(row -> {
            assertThat(row.get("moment")).isEqualTo("BIRTHDAY");
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(row.get("due_on").toString()).isEqualTo("2030-03-15");
        });
        assertThat(log(inLosAngeles)).isEmpty();
        List<MimeMessage> mail = mailTo(email(inShanghai));
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).isEqualTo("生日客户，生日快乐！");
        assertThat(mail.get(0).getFrom()[0].toString()).isEqualTo("care@guanxi.test");
        assertThat(GreenMailUtil.getBody(mail.get(0))).isNotBlank();

        care.run(Instant.parse("2030-03-15T08:30:00Z")); // 01:30 on the 15th in Los Angeles
        assertThat(log(inLosAngeles))
                .singleElement()
                .satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        assertThat(mailTo(email(inLosAngeles))).hasSize(1);
    }

    @Test
    void aRerunOrASecondRunSendsNothingTwice() throws Exception {
        long customer = customer("重跑客户", "1991-04-20", shanghai, true);
        Instant day = Instant.parse("2031-04-20T02:00:00Z");
        care.run(day);
        care.run(day);
        care.run(day.plus(Duration.ofHours(10)));
        assertThat(log(customer)).hasSize(1);
        assertThat(mailTo(email(customer))).hasSize(1);
    }

    @Test
    void withoutConsentNothingIsSentButTheDecisionIsLogged() throws Exception {
        long never = customer("未同意客户", "1992-05-21", shanghai, false);
        long withdrawn = customer("撤回客户", "1992-05-21", shanghai, true);
        mvc.perform(post("/api/v1/customers/" + withdrawn + "/consents")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"EMAIL\",\"granted\":false,\"source\":\"phone call\"}"))
                .andExpect(status().isOk());
        care.run(Instant.parse("2031-05-21T03:00:00Z"));
        for (long customer : new long[] {never, withdrawn}) {
            assertThat(log(customer)).singleElement().satisfies(row -> {
                assertThat(row.get("status")).isEqualTo("SKIPPED");
                assertThat((String) row.get("reason")).contains("consent");
            });
            assertThat(mailTo(email(customer))).isEmpty();
        }
    }

    @Test
    void everySentMessageIsOnTheTimeline() throws Exception {
        long customer = customer("时间线客户", "1993-06-22", shanghai, true);
        care.run(Instant.parse("2031-06-22T01:00:00Z"));
        long messageId = jdbc.sql("SELECT id FROM care_message WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?"
                                                + " AND source_module = 'loyalty' AND source_ref = ? AND title = 'CARE_BIRTHDAY'")
                                .params(customer, "care:" + messageId)
                                .query(Long.class)
                                .single()
                        == 1);
        mvc.perform(get("/api/v1/customers/" + customer + "/care-messages").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].moment").value("BIRTHDAY"))
                .andExpect(jsonPath("$[0].status").value("SENT"));
    }

    @Test
    void anniversariesCountTheYearsInTheStoreZone() throws Exception {
        long customer = customer("周年客户", null, shanghai, true);
        // Joined at 01:00 on 10 June 2027 in Shanghai (still 9 June in UTC).
        jdbc.sql("UPDATE customer SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.parse("2027-06-09T17:00:00Z")), customer)
                .update();
        care.run(Instant.parse("2030-06-09T12:00:00Z")); // 20:00 on the 9th in Shanghai
        assertThat(log(customer)).isEmpty();
        care.run(Instant.parse("2030-06-10T01:00:00Z"));
        assertThat(log(customer)).singleElement().satisfies(row -> {
            assertThat(row.get("moment")).isEqualTo("ANNIVERSARY");
            assertThat(row.get("subject")).isEqualTo("感谢周年客户相伴3年");
        });
        assertThat(mailTo(email(customer))).hasSize(1);
    }

    @Test
    void greetsOnLunarHolidaysAndDaysBeforeAreConfigurable() throws Exception {
        long customer = customer("中秋客户", null, shanghai, true);
        mvc.perform(put("/api/v1/loyalty/care/moments/HOLIDAY")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":true,\"daysBefore\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.daysBefore").value(1));
        try {
            mvc.perform(get("/api/v1/loyalty/care/holidays?year=2032").header("Authorization", bearer(admin)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[?(@.holiday.nameZh == '中秋节')].date").value("2032-09-19"));
            care.run(Instant.parse("2032-09-18T02:00:00Z")); // the day before 中秋 2032 in Shanghai
            assertThat(log(customer)).singleElement().satisfies(row -> {
                assertThat(row.get("moment")).isEqualTo("HOLIDAY");
                assertThat(row.get("due_on").toString()).isEqualTo("2032-09-19");
                assertThat(row.get("subject")).isEqualTo("中秋节快乐");
            });
            assertThat(mailTo(email(customer))).hasSize(1);
        } finally {
            mvc.perform(put("/api/v1/loyalty/care/moments/HOLIDAY")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"enabled\":true,\"daysBefore\":0}"))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void templatesAreValidatedAndTheLogIsListed() throws Exception {
        mvc.perform(put("/api/v1/loyalty/care/moments/BIRTHDAY")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\":true,\"daysBefore\":31,\"subjectZh\":\"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/loyalty/care/messages?status=SENT").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        mvc.perform(get("/loyalty/care").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("中秋节")));
    }

    /** Sets the customer's stored (encrypted) address, as a later correction would. */
    private void setEmail(long customer, String address) {
        jdbc.sql("UPDATE customer SET email = ? WHERE id = ?")
                .params(personal.encrypt(PersonalData.Field.EMAIL, address), customer)
                .update();
    }

    private Map<String, Object> row(long customer, String moment) {
        return jdbc.sql("SELECT status, attempts, recipient, reason, subject, body, due_on, sent_at FROM care_message"
                        + " WHERE customer_id = ? AND moment = ?")
                .params(customer, moment)
                .query()
                .singleRow();
    }

    /** A user signed in with their role's usual data scope. */
    private record User(long id, String token) {}

    private User user(Role role, long store) throws Exception {
        String username = "care." + role.name().toLowerCase() + "."
                + UUID.randomUUID().toString().substring(0, 8);
        long id = identity.createUser(
                        new NewUser(username, "关怀测试", null, "care-user-password", role, null, store, null))
                .id();
        return new User(id, Api.token(mvc, username, "care-user-password"));
    }

    @Test
    void theSendLogKeepsTheAddressOnlyMasked() throws Exception {
        long customer = customer("掩码客户", "1994-07-07", shanghai, true);
        String email = email(customer);
        care.run(Instant.parse("2033-07-07T02:00:00Z"));
        assertThat(mailTo(email)).hasSize(1);
        String masked = email.charAt(0) + "***@example.com";
        assertThat(row(customer, "BIRTHDAY").get("recipient")).isEqualTo(masked);
        mvc.perform(get("/api/v1/customers/" + customer + "/care-messages").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].recipient").value(masked));
        mvc.perform(get("/api/v1/loyalty/care/messages?size=100&sort=createdAt,desc")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.customerId == " + customer + ")].recipient")
                        .value(masked));
    }

    @Test
    void theSendLogShowsOnlyCustomersInsideTheUsersScope() throws Exception {
        long mine = customer("我的客户", "1995-09-09", shanghai, true);
        long other = customer("别人的客户", "1995-09-09", shanghai, true);
        long inLosAngeles = customer("LA Customer", "1995-09-09", losAngeles, true);
        User salesperson = user(Role.SALES, shanghai);
        String sales = salesperson.token();
        jdbc.sql("UPDATE customer SET owner_id = ? WHERE id = ?")
                .params(salesperson.id(), mine)
                .update();
        care.run(Instant.parse("2033-09-09T10:00:00Z")); // the 9th both in Shanghai and in Los Angeles
        for (long customer : new long[] {mine, other, inLosAngeles}) {
            assertThat(row(customer, "BIRTHDAY").get("status")).isEqualTo("SENT");
        }

        // A salesperson sees the messages to their own customers only (a holiday may have come too), with a total to
        // match.
        long toMine = jdbc.sql("SELECT COUNT(*) FROM care_message WHERE customer_id = ?")
                .param(mine)
                .query(Long.class)
                .single();
        String own = mvc.perform(get("/api/v1/loyalty/care/messages?size=100").header("Authorization", bearer(sales)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(toMine))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Number> ownListed = com.jayway.jsonpath.JsonPath.read(own, "$.content[*].customerId");
        assertThat(ownListed)
                .hasSize((int) toMine)
                .allSatisfy(id -> assertThat(id.longValue()).isEqualTo(mine));
        mvc.perform(get("/loyalty/care").header("Authorization", bearer(sales)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("/customers/" + mine + "\""),
                                org.hamcrest.Matchers.not(
                                        org.hamcrest.Matchers.containsString("/customers/" + other + "\"")),
                                org.hamcrest.Matchers.not(
                                        org.hamcrest.Matchers.containsString("/customers/" + inLosAngeles + "\"")))));

        // Service staff see their store's customers: every message listed, and only those, page by page.
        String service = user(Role.SERVICE, losAngeles).token();
        long inStore = jdbc.sql("SELECT COUNT(*) FROM care_message m JOIN customer c ON c.id = m.customer_id"
                        + " WHERE c.store_id = ?")
                .param(losAngeles)
                .query(Long.class)
                .single();
        mvc.perform(get("/api/v1/loyalty/care/messages?size=1&page=0").header("Authorization", bearer(service)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(inStore))
                .andExpect(jsonPath("$.content.length()").value(1));
        String all = mvc.perform(get("/api/v1/loyalty/care/messages?size=100").header("Authorization", bearer(service)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Number> listed = com.jayway.jsonpath.JsonPath.read(all, "$.content[*].customerId");
        assertThat(listed).hasSize((int) inStore);
        assertThat(listed.stream().map(Number::longValue))
                .contains(inLosAngeles)
                .doesNotContain(mine, other);
    }

    @Test
    void aFailedMessageIsTriedAgainOnceByOneRunUntilItsAttemptsAreSpent() throws Exception {
        long fixed = customer("重试客户", "1996-10-10", shanghai, true);
        long broken = customer("坏地址客户", "1996-10-10", shanghai, true);
        long refused = customer("未同意重试客户", "1996-10-10", shanghai, false);
        String email = email(fixed);
        setEmail(fixed, email.replace("@example.com", "@example..com"));
        setEmail(broken, email(broken).replace("@example.com", "@example..com"));

        care.run(Instant.parse("2034-10-10T02:00:00Z")); // the mail server cannot take these addresses
        assertThat(row(fixed, "BIRTHDAY")).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(row(broken, "BIRTHDAY")).containsEntry("status", "FAILED");
        assertThat(row(refused, "BIRTHDAY")).containsEntry("status", "SKIPPED");

        setEmail(fixed, email);
        Api.consentToEmail(mvc, admin, refused);
        // Two instances at once: one of them takes each failed message back, the other leaves it.
        Instant later = Instant.parse("2034-10-10T05:00:00Z");
        CompletableFuture<CareMoments.Result> first = CompletableFuture.supplyAsync(() -> care.run(later));
        CompletableFuture<CareMoments.Result> second = CompletableFuture.supplyAsync(() -> care.run(later));
        CompletableFuture.allOf(first, second).join();
        assertThat(row(fixed, "BIRTHDAY"))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 2)
                .containsEntry("reason", null);
        assertThat(row(fixed, "BIRTHDAY").get("sent_at")).isNotNull();
        assertThat(mailTo(email)).hasSize(1);
        assertThat(row(broken, "BIRTHDAY")).containsEntry("status", "FAILED");

        care.run(Instant.parse("2034-10-11T02:00:00Z"));
        care.run(Instant.parse("2034-10-12T02:00:00Z"));
        care.run(Instant.parse("2034-10-13T02:00:00Z"));
        assertThat(mailTo(email)).hasSize(1);
        assertThat(row(fixed, "BIRTHDAY")).containsEntry("attempts", 2);
        assertThat(row(broken, "BIRTHDAY")).containsEntry("status", "FAILED").containsEntry("attempts", 3);
        // A skipped greeting is a decision: consent given afterwards does not bring it back.
        assertThat(row(refused, "BIRTHDAY")).containsEntry("status", "SKIPPED").containsEntry("attempts", 1);
        assertThat(mailTo(email(refused))).isEmpty();

        mvc.perform(post("/api/v1/customers/" + broken + "/erasure")
                        .param("confirm", "ERASE")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        assertThat(row(broken, "BIRTHDAY"))
                .containsEntry("recipient", null)
                .containsEntry("subject", null)
                .containsEntry("body", null)
                .containsEntry("reason", null);
    }

    @Test
    void daysTheJobMissedAreMadeUp() throws Exception {
        long missed = customer("补发客户", "1997-11-03", shanghai, true);
        long today = customer("当天客户", "1997-11-05", shanghai, true);
        care.run(Instant.parse("2035-11-01T02:00:00Z"));
        assertThat(log(missed)).isEmpty();
        long before = customer("更早客户", "1997-10-31", shanghai, true);

        care.run(Instant.parse("2035-11-05T02:00:00Z")); // no run on 2 to 4 November
        assertThat(row(missed, "BIRTHDAY"))
                .containsEntry("status", "SENT")
                .satisfies(r -> assertThat(r.get("due_on").toString()).isEqualTo("2035-11-03"));
        assertThat(row(today, "BIRTHDAY").get("due_on").toString()).isEqualTo("2035-11-05");
        assertThat(log(before)).isEmpty(); // before the last run: that run looked at its day
        assertThat(mailTo(email(missed))).hasSize(1);

        care.run(Instant.parse("2035-11-05T06:00:00Z"));
        assertThat(mailTo(email(missed))).hasSize(1);
    }

    @Test
    void theEntitlementPanelShowsTheLastValidDayInTheStoreZone() throws Exception {
        long customer = customer("权益客户", null, losAngeles, true);
        String sku = "CARE-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO service_package (sku, name, kind, uses, validity_months, active, created_at)"
                        + " VALUES (?, '洛杉矶保养', 'MAINTENANCE', 3, 12, TRUE, CURRENT_TIMESTAMP)")
                .param(sku)
                .update();
        long packageId = jdbc.sql("SELECT id FROM service_package WHERE sku = ?")
                .param(sku)
                .query(Long.class)
                .single();
        // Valid to the end of 30 June 2031 in Los Angeles: 07:00 UTC on 1 July, 15:00 in Shanghai.
        jdbc.sql(
                        "INSERT INTO entitlement (customer_id, package_id, source, unit_no, store_id, uses_granted,"
                                + " uses_remaining, granted_at, expires_at, status) VALUES (?, ?, ?, 1, ?, 3, 3, ?, ?, 'ACTIVE')")
                .params(
                        customer,
                        packageId,
                        "order:" + sku,
                        losAngeles,
                        Timestamp.from(Instant.parse("2030-06-30T19:00:00Z")),
                        Timestamp.from(Instant.parse("2031-07-01T07:00:00Z")))
                .update();
        mvc.perform(get("/customers/" + customer + "/loyalty-panel").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("2031-06-30"),
                                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("2031-07-01")))));
    }
}
