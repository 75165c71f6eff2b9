package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.domain.PersonalData;
import io.guanxi.imports.TableExport;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
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
 * Customer imports end to end through the API on the real database: dry run with a per-row
 * report, commit, idempotent re-import, updates, encodings, Excel, saved mappings; and exports
 * with masking and formula neutralisation.
 */
@IntegrationTest
@Tag("postgres")
class CustomerImportIntegrationTests {

    private static final AtomicInteger SOURCES = new AtomicInteger();
    private static final String HEADER = "会员号,姓名,手机,邮箱,生日,城市,地址1,地址2\n";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personal;

    @Autowired
    JsonMapper json;

    String admin;
    String source;

    @BeforeEach
    void signIn() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        source = "pos-it-" + SOURCES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private String file() {
        return "\uFEFF" + HEADER
                + "M-1,王小明,138 1234 5601,Wang.XM@Example.com,1990-05-17,杭州,文三路,100号\n"
                + "M-2,,13812345602,,,杭州,,\n" // no name: rejected
                + "M-3,李娜,n/a,li@example.com,1985/2/3,上海,,\n" // not a phone: kept without it
                + "M-4,赵敏,13812345604,zhao@,not-a-date,北京,,\n" // bad email and birthday: warnings
                + ",钱多多,13812345605,,,,,\n" // no member id: cannot be matched, rejected
                + "\n"
                + "M-6,\"孙, 悟空\",+86 138-1234-5606,,19880808,广州,天河路,\n";
    }

    private JsonNode upload(String name, byte[] content, Map<String, String> params) throws Exception {
        var request = multipart("/api/v1/imports")
                .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                .param("recordType", "customer")
                .param("source", source)
                .header("Authorization", bearer(admin));
        params.forEach(request::param);
        String body = mvc.perform(request)
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return finished(json.readTree(body).get("id").asLong());
    }

    private JsonNode finished(long id) throws Exception {
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

    private long imported() {
        return jdbc.sql("SELECT COUNT(*) FROM customer_external_id WHERE source = ?")
                .param(source)
                .query(Long.class)
                .single();
    }

    /** The stored row, its personal data decrypted. */
    private Map<String, Object> customer(String externalId) {
        Map<String, Object> row = new java.util.HashMap<>(
                jdbc.sql("SELECT c.* FROM customer c JOIN customer_external_id e ON e.customer_id = c.id"
                                + " WHERE e.source = ? AND e.external_id = ?")
                        .params(source, externalId)
                        .query()
                        .singleRow());
        row.put("phone", personal.decrypt(PersonalData.Field.PHONE, (String) row.get("phone")));
        row.put("email", personal.decrypt(PersonalData.Field.EMAIL, (String) row.get("email")));
        row.put("street", personal.decrypt(PersonalData.Field.STREET, (String) row.get("street")));
        row.put("id_number", personal.decrypt(PersonalData.Field.ID_NUMBER, (String) row.get("id_number")));
        return row;
    }

    private static long count(JsonNode status, String name) {
        return status.get("counts").get(name).asLong();
    }

    @Test
    void dryRunReportsEveryProblemByRowAndColumnAndWritesNothing() throws Exception {
        JsonNode dry = upload("会员.csv", file().getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(dry.get("encoding").asString()).isEqualTo("UTF-8");
        assertThat(dry.get("mapping").get("手机").asString()).isEqualTo("phone");
        assertThat(count(dry, "created")).isEqualTo(4);
        assertThat(count(dry, "rejected")).isEqualTo(2);
        assertThat(count(dry, "warnings")).isEqualTo(3);
        assertThat(imported()).isZero();

        List<String> report = dry.get("report")
                .valueStream()
                .map(line -> line.get("row").asLong() + "|" + line.get("column").asString() + "|"
                        + line.get("severity").asString())
                .toList();
        assertThat(report).containsExactly("3|姓名|ERROR", "4|手机|WARNING", "5|生日|WARNING", "5|邮箱|WARNING", "6|会员号|ERROR");

        String csv = mvc.perform(get("/api/v1/imports/" + dry.get("id").asLong() + "/report")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFrow,column,severity,message").contains("4,手机,WARNING,");

        // The stored report quotes a contact value it left out only masked.
        List<String> stored = jdbc.sql("SELECT message FROM import_issue WHERE import_id = ?")
                .param(dry.get("id").asLong())
                .query(String.class)
                .list();
        assertThat(stored).anySatisfy(m -> assertThat(m).startsWith("\"z***@\""));
        assertThat(String.join("\n", stored)).doesNotContain("zhao@");
    }

    @Test
    void commitWritesGoodRowsAndReimportChangesNothing() throws Exception {
        JsonNode dry = upload("会员.csv", file().getBytes(StandardCharsets.UTF_8), Map.of());
        long importId = dry.get("id").asLong();
        // The uploaded file and its preview are stored encrypted: the database alone shows no phone.
        List<byte[]> chunks = jdbc.sql("SELECT data FROM import_file_chunk WHERE import_id = ?")
                .param(importId)
                .query((rs, n) -> rs.getBytes(1))
                .list();
        assertThat(chunks).isNotEmpty();
        for (byte[] chunk : chunks) {
            assertThat(new String(chunk, StandardCharsets.ISO_8859_1))
                    .startsWith("g1b:")
                    .doesNotContain("138 1234 5601", "Wang.XM@Example.com");
        }
        assertThat(jdbc.sql("SELECT sample FROM import_job WHERE id = ?")
                        .param(importId)
                        .query(String.class)
                        .single())
                .startsWith("g1:")
                .doesNotContain("138 1234 5601", "Wang.XM");
        mvc.perform(get("/api/v1/imports/" + importId).header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        String committed = mvc.perform(
                        post("/api/v1/imports/" + importId + "/commit").header("Authorization", bearer(admin)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode done = finished(json.readTree(committed).get("id").asLong());
        assertThat(done.get("committed").asBoolean()).isTrue();
        assertThat(count(done, "created")).isEqualTo(4);
        assertThat(imported()).isEqualTo(4);

        Map<String, Object> wang = customer("M-1");
        assertThat(wang.get("display_name")).isEqualTo("王小明");
        assertThat(wang.get("phone")).isEqualTo("+8613812345601");
        assertThat(wang.get("email")).isEqualTo("wang.xm@example.com");
        assertThat(wang.get("street")).isEqualTo("文三路 100号"); // two columns feed one field
        assertThat(customer("M-3").get("phone")).isNull();
        assertThat(customer("M-4").get("birthday")).isNull();
        assertThat(customer("M-6").get("display_name")).isEqualTo("孙, 悟空");

        // The same file again, straight to commit: nothing changes.
        JsonNode again = upload("会员.csv", file().getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        assertThat(count(again, "created")).isZero();
        assertThat(count(again, "updated")).isZero();
        assertThat(count(again, "unchanged")).isEqualTo(4);
        assertThat(imported()).isEqualTo(4);

        // A changed value updates that customer only; blank cells keep what is there.
        String changed = HEADER + "M-1,王小明,13812345601,new@example.com,,,,\nM-3,李娜,,,,上海,,\n";
        JsonNode update = upload("changes.csv", changed.getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        assertThat(count(update, "updated")).isEqualTo(1);
        assertThat(count(update, "unchanged")).isEqualTo(1);
        assertThat(customer("M-1").get("email")).isEqualTo("new@example.com");
        assertThat(customer("M-1").get("city")).isEqualTo("杭州");
    }

    @Test
    void readsGbkFilesAndExcelWorkbooks() throws Exception {
        String gbk = "会员号,姓名,手机\nG-1,欧阳娜娜,13900000001\n";
        JsonNode fromGbk = upload("gbk.csv", gbk.getBytes(Charset.forName("GBK")), Map.of("dryRun", "false"));
        assertThat(fromGbk.get("encoding").asString()).isEqualTo("GB18030");
        assertThat(customer("G-1").get("display_name")).isEqualTo("欧阳娜娜");

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (TableExport sheet =
                TableExport.open(TableExport.Format.XLSX, xlsx, List.of("Member ID", "Name", "Mobile", "Birthday"))) {
            sheet.row(Arrays.asList("X-1", "Anna Smith", 13900000002L, java.time.LocalDate.of(1991, 4, 5)));
            sheet.row(Arrays.asList("X-2", null, 13900000003L, null));
        }
        JsonNode fromExcel = upload("members.xlsx", xlsx.toByteArray(), Map.of("dryRun", "false"));
        assertThat(fromExcel.get("format").asString()).isEqualTo("XLSX");
        assertThat(count(fromExcel, "created")).isEqualTo(1);
        assertThat(count(fromExcel, "rejected")).isEqualTo(1);
        Map<String, Object> anna = customer("X-1");
        assertThat(anna.get("phone")).isEqualTo("+8613900000002");
        assertThat(anna.get("birthday").toString()).isEqualTo("1991-04-05");
    }

    @Test
    void savedMappingsAndMatchingByPhone() throws Exception {
        mvc.perform(put("/api/v1/imports/mappings")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recordType\":\"customer\",\"name\":\"shop-" + source + "\","
                                + "\"mapping\":{\"cust\":\"externalId\",\"surname\":\"familyName\",\"first\":\"givenName\","
                                + "\"tel\":\"phone\"},\"matchKey\":\"externalId\"}"))
                .andExpect(status().isNoContent());
        String file = "cust,surname,first,tel\nS-1,Wang,Lei,13700000001\n";
        JsonNode first = upload(
                "shop.csv",
                file.getBytes(StandardCharsets.UTF_8),
                Map.of("mappingName", "shop-" + source, "dryRun", "false"));
        assertThat(count(first, "created")).isEqualTo(1);
        assertThat(customer("S-1").get("display_name")).isEqualTo("Lei Wang");

        String byPhone = "phone,email\n137 0000 0001,lei.wang@example.com\n";
        JsonNode second = upload(
                "phones.csv", byPhone.getBytes(StandardCharsets.UTF_8), Map.of("matchKey", "phone", "dryRun", "false"));
        assertThat(count(second, "updated")).isEqualTo(1);
        assertThat(customer("S-1").get("email")).isEqualTo("lei.wang@example.com");
    }

    @Test
    void importsCustomFieldsByTheirLabel() throws Exception {
        String key = "car" + SOURCES.get();
        mvc.perform(post("/api/v1/customer-fields")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"" + key + "\",\"label\":\"车型" + key + "\",\"type\":\"CHOICE\","
                                + "\"choices\":[\"轿车\",\"SUV\"]}"))
                .andExpect(status().isCreated());
        String file = "会员号,姓名,车型" + key + "\nC-1,车主甲,suv\nC-2,车主乙,拖拉机\n";
        JsonNode first = upload("cars.csv", file.getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        assertThat(first.get("mapping").get("车型" + key).asString()).isEqualTo("custom." + key);
        assertThat(count(first, "created")).isEqualTo(2);
        assertThat(count(first, "warnings")).isEqualTo(1);
        long c1 = ((Number) customer("C-1").get("id")).longValue();
        mvc.perform(get("/api/v1/customers/" + c1 + "/fields").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$." + key).value("SUV"));

        JsonNode again = upload("cars.csv", file.getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        assertThat(count(again, "unchanged")).isEqualTo(2);
        String changed = "会员号,姓名,车型" + key + "\nC-1,车主甲,轿车\n";
        JsonNode update = upload("cars2.csv", changed.getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        assertThat(count(update, "updated")).isEqualTo(1);
        mvc.perform(get("/api/v1/customers/" + c1 + "/fields").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$." + key).value("轿车"));
    }

    @Test
    void refusesWhatCannotBeRead() throws Exception {
        mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "fake.xlsx", "application/octet-stream", "a,b\n1,2\n".getBytes()))
                        .param("recordType", "customer")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "x.csv", "text/csv", "姓名\n张三\n".getBytes(StandardCharsets.UTF_8)))
                        .param("recordType", "customer")
                        .param("mapping", "{\"姓名\":\"shoeSize\"}")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mapping"));
        mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "x.csv", "text/csv", "姓名\n张三\n".getBytes(StandardCharsets.UTF_8)))
                        .param("recordType", "spaceship")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound());
    }

    @Test
    void exportsAreMaskedWithoutTheRightAndSafeFromFormulas() throws Exception {
        String file = HEADER + "E-1,=HYPERLINK(\"http://x\"),13812349999,e1@example.com,,苏州,,\n";
        upload("formula.csv", file.getBytes(StandardCharsets.UTF_8), Map.of("dryRun", "false"));
        long id = ((Number) customer("E-1").get("id")).longValue();

        String asAdmin = mvc.perform(get("/api/v1/customers/export")
                        .param("q", "13812349999")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(asAdmin).contains(id + ",\"'=HYPERLINK(\"\"http://x\"\")\"").contains("+8613812349999");

        String analyst = Api.token(mvc, "analyst", IntegrationTest.DEMO_PASSWORD);
        byte[] xlsx = mvc.perform(get("/api/v1/customers/export")
                        .param("format", "xlsx")
                        .param("q", "13812349999")
                        .header("Authorization", bearer(analyst)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).getCellText(1)).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(rows.get(1).getCellText(6)).isEqualTo("138****9999");
            assertThat(rows.get(1).getCellText(7)).isEqualTo("e***@example.com");
        }
        long audited = jdbc.sql(
                        "SELECT COUNT(*) FROM audit_event WHERE action = 'CUSTOMERS_EXPORTED' AND details LIKE ?")
                .param("XLSX rows=1 masked=true%")
                .query(Long.class)
                .single();
        assertThat(audited).isPositive();
    }
}
