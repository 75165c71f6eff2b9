package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
import io.guanxi.support.Api;
import io.guanxi.support.Febrl;
import io.guanxi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The duplicate scan end to end on the real database: Febrl dataset 1 is loaded as customers with
 * their record ids as external ids, a scan runs through the API, and the candidate list the API
 * returns is scored against the known duplicates.
 */
@IntegrationTest
@Tag("postgres")
class DuplicateScanIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CustomerApi customers;

    @Test
    void scanFindsTheKnownDuplicatesOfFebrlDataset1() throws Exception {
        List<DatedCustomer> rows = new ArrayList<>();
        Map<String, Integer> truePairsPerEntity = new HashMap<>();
        for (Febrl.Person p : Febrl.read("dataset1.csv")) {
            truePairsPerEntity.merge(p.entity(), 1, Integer::sum);
            rows.add(new DatedCustomer(
                    new CustomerDetails(
                            PartyType.PERSON,
                            CustomerKind.RETAIL,
                            null,
                            p.surname(),
                            p.givenName(),
                            null,
                            p.birthday(),
                            null,
                            null,
                            p.state(),
                            p.suburb(),
                            p.address2(),
                            p.street(),
                            p.postcode(),
                            p.socialSecurityId(),
                            SourceChannel.IMPORT,
                            null,
                            null),
                    Instant.parse("2026-01-01T00:00:00Z"),
                    new ExternalId("febrl", p.recordId())));
        }
        assertThat(customers.bulkRegister(rows.iterator())).isEqualTo(1000);
        long truePairs = truePairsPerEntity.values().stream()
                .mapToLong(n -> (long) n * (n - 1) / 2)
                .sum();

        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        String location = mvc.perform(post("/api/v1/customers/duplicates/scan").header("Authorization", bearer(admin)))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andReturn()
                .getResponse()
                .getHeader("Location");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String body = mvc.perform(get(location).header("Authorization", bearer(admin)))
                            .andReturn()
                            .getResponse()
                            .getContentAsString();
                    return !"RUNNING".equals(JsonPath.read(body, "$.status"));
                });
        mvc.perform(get(location).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.status").value("DONE"));

        long truePositives = 0;
        long falsePositives = 0;
        for (int page = 0; ; page++) {
            String body = mvc.perform(get("/api/v1/customers/duplicates?size=200&page=" + page)
                            .header("Authorization", bearer(admin)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            List<List<String>> left = JsonPath.read(body, "$.content[*].left.externalIds");
            List<List<String>> right = JsonPath.read(body, "$.content[*].right.externalIds");
            for (int i = 0; i < left.size(); i++) {
                String a = febrlEntity(left.get(i));
                String b = febrlEntity(right.get(i));
                if (a == null && b == null) {
                    continue; // a pair among the demo customers
                }
                if (a != null && a.equals(b)) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
            int totalPages = JsonPath.read(body, "$.totalPages");
            if (page + 1 >= totalPages) {
                break;
            }
        }
        double precision = (double) truePositives / (truePositives + falsePositives);
        double recall = (double) truePositives / truePairs;
        double f1 = 2 * precision * recall / (precision + recall);
        assertThat(f1).as("F1 (precision %.3f, recall %.3f)", precision, recall).isGreaterThanOrEqualTo(0.95);

        String queue = mvc.perform(get("/api/v1/customers/duplicates?size=2").header("Authorization", bearer(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Integer> pairIds = JsonPath.read(queue, "$.content[*].id");
        mvc.perform(post("/api/v1/customers/duplicates/" + pairIds.get(0) + "/merge")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.candidateId").value(pairIds.get(0)));
        mvc.perform(post("/api/v1/customers/duplicates/" + pairIds.get(0) + "/merge")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/customers/duplicates/" + pairIds.get(1) + "/dismiss")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/customers/duplicates?status=MERGED").header("Authorization", bearer(admin)))
                .andExpect(
                        jsonPath("$.content[?(@.id == " + pairIds.get(0) + ")]").isNotEmpty());
        mvc.perform(get("/api/v1/customers/duplicates?status=DISMISSED").header("Authorization", bearer(admin)))
                .andExpect(
                        jsonPath("$.content[?(@.id == " + pairIds.get(1) + ")]").isNotEmpty());

        String manager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/customers/duplicates?band=REVIEW").header("Authorization", bearer(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.left.externalIds[0] =~ /febrl.*/)]")
                        .isEmpty());
        mvc.perform(get("/api/v1/customers/duplicates?band=MAYBE").header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest());
    }

    private static String febrlEntity(List<String> externalIds) {
        return externalIds.stream()
                .filter(id -> id.startsWith("febrl:"))
                .map(id -> id.split("-")[1])
                .findFirst()
                .orElse(null);
    }
}
