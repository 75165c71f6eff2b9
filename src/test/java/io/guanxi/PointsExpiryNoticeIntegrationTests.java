package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.domain.PersonalData;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.jobs.PointsExpiry;
import io.guanxi.shared.Money;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily points job's warning reaches the customer: an email through a real SMTP server
 * (GreenMail) with the points and the day they expire, only with consent, once; the warning is on the
 * timeline either way.
 */
@IntegrationTest
@Tag("postgres")
class PointsExpiryNoticeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personal;

    @Autowired
    PointsLedger ledger;

    @Autowired
    PointsExpiry expiry;

    @Autowired
    TransactionTemplate transactions;

    String admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
    }

    private long customer(boolean consent) throws Exception {
        String email = "expiry-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long id = Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"到期提醒\","
                                + "\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        if (consent) {
            Api.consentToEmail(mvc, admin, id);
        }
        // earned 350 days ago and valid 365: expires within the 30-day warning period
        transactions.executeWithoutResult(s -> ledger.earnForPurchase(new PurchaseEarning(
                id,
                "order:" + UUID.randomUUID(),
                Instant.now().minus(Duration.ofDays(350)),
                null,
                null,
                List.of(new PurchaseEarning.CategoryAmount("FOOD", Money.yuan("120.00"))),
                "test")));
        return id;
    }

    private String email(long customer) {
        return TestMail.addressOf(personal, jdbc, customer);
    }

    private static List<MimeMessage> mailTo(String address) {
        return TestMail.to(address);
    }

    private List<String> timeline(long customer) {
        return jdbc.sql("SELECT title FROM customer_timeline_entry WHERE customer_id = ? AND type = 'POINTS'"
                        + " AND title LIKE 'POINTS_EXPIR%' ORDER BY id")
                .param(customer)
                .query(String.class)
                .list();
    }

    @Test
    void warnsByEmailWithConsentAndOnTheTimelineOnce() throws Exception {
        long consenting = customer(true);
        long silent = customer(false);

        expiry.run();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        timeline(consenting).size() == 1 && timeline(silent).size() == 1);

        List<MimeMessage> mails = mailTo(email(consenting));
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).contains("120").contains("到期");
            assertThat(m.getContent().toString())
                    .as("the body names the points")
                    .contains("120");
        });
        assertThat(timeline(consenting)).containsExactly("POINTS_EXPIRY_WARNED");
        assertThat(mailTo(email(silent))).as("no consent, no mail").isEmpty();
        assertThat(timeline(silent)).containsExactly("POINTS_EXPIRING");

        expiry.run();
        Thread.sleep(500);
        assertThat(mailTo(email(consenting))).as("warned once").hasSize(1);
        assertThat(timeline(consenting)).hasSize(1);
    }
}
