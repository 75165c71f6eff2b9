package io.guanxi.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.imports.ImportField;
import io.guanxi.imports.TableExport;
import io.guanxi.shared.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableReaderTests {

    private static Utf8Check check(byte[] bytes, int blockSize) {
        Utf8Check check = new Utf8Check();
        for (int i = 0; i < bytes.length; i += blockSize) {
            check.update(bytes, i, Math.min(blockSize, bytes.length - i));
        }
        return check;
    }

    @Test
    void tellsUtf8FromGbkOverTheWholeFileEvenAcrossBlockBoundaries() {
        byte[] utf8 = "姓名,手机\n王小明,13800000000\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = "姓名,手机\n王小明,13800000000\n".getBytes(Charset.forName("GBK"));
        for (int block : new int[] {1, 2, 3, 7, 1024}) {
            assertThat(check(utf8, block).encoding()).isEqualTo("UTF-8");
            assertThat(check(gbk, block).encoding()).isEqualTo("GB18030");
        }
        byte[] asciiThenGbk = ("a,b\n" + "x,y\n".repeat(50_000) + "张,三\n").getBytes(Charset.forName("GBK"));
        assertThat(check(asciiThenGbk, 64 * 1024).encoding()).isEqualTo("GB18030");
        byte[] cutOff = Arrays.copyOf(utf8, 4); // 姓 and the first byte of 名
        assertThat(check(cutOff, 4).isUtf8()).isFalse();
    }

    @Test
    void recognisesTheByteOrderMark() {
        byte[] bom = "\uFEFF姓名\n".getBytes(StandardCharsets.UTF_8);
        assertThat(check(bom, 1024).hasBom()).isTrue();
        assertThat(check("姓名\n".getBytes(StandardCharsets.UTF_8), 1024).hasBom())
                .isFalse();
    }

    private static List<TableReader.Line> read(TableReader reader) {
        List<TableReader.Line> lines = new ArrayList<>();
        reader.lines().forEachRemaining(lines::add);
        return lines;
    }

    @Test
    void readsCsvWithBomQuotesSemicolonsAndDuplicateTitles() throws Exception {
        String csv = "\uFEFF姓名;备注;备注;\n\"王;小明\";\"说\"\"好\"\"\n了\";x;\n\n李四;;;\n";
        char delimiter = TableReader.guessDelimiter(csv.lines().findFirst().orElseThrow());
        assertThat(delimiter).isEqualTo(';');
        try (TableReader reader = TableReader.csv(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, delimiter)) {
            assertThat(reader.headers()).containsExactly("姓名", "备注", "备注 (2)", "#4");
            List<TableReader.Line> lines = read(reader);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).cells()).containsExactly("王;小明", "说\"好\"\n了", "x", "");
            // rows count as a spreadsheet shows them: the quoted line break stays in row 2, the blank row 3
            // is skipped but keeps its number
            assertThat(lines.get(1).row()).isEqualTo(4);
        }
    }

    @Test
    void readsWorkbookCellsAsAPersonSeesThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableExport sheet = TableExport.open(TableExport.Format.XLSX, out, List.of("姓名", "手机", "生日", "金额"))) {
            sheet.row(Arrays.asList(
                    "王小明", 13812345678L, java.time.LocalDate.of(1990, 5, 17), new java.math.BigDecimal("12.50")));
            sheet.row(Arrays.asList(null, null, null, null));
            sheet.row(Arrays.asList("=1+1", null, null, 3));
        }
        java.io.File file = java.io.File.createTempFile("reader", ".xlsx");
        try {
            java.nio.file.Files.write(file.toPath(), out.toByteArray());
            try (TableReader reader = TableReader.xlsx(file)) {
                assertThat(reader.headers()).containsExactly("姓名", "手机", "生日", "金额");
                List<TableReader.Line> lines = read(reader);
                assertThat(lines).hasSize(2);
                assertThat(lines.get(0).cells()).containsExactly("王小明", "13812345678", "1990-05-17", "12.5");
                assertThat(lines.get(1).row()).isEqualTo(4);
                assertThat(lines.get(1).cells()[0]).isEqualTo("'=1+1");
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file.toPath());
        }
    }

    @Test
    void detectsWorkbooksByContentAndRefusesOldExcel() {
        byte[] zip = {'P', 'K', 3, 4, 0};
        assertThat(FileFormat.detect("data.bin", zip, zip.length)).isEqualTo(FileFormat.XLSX);
        byte[] text = "a,b".getBytes(StandardCharsets.UTF_8);
        assertThat(FileFormat.detect("data.txt", text, text.length)).isEqualTo(FileFormat.CSV);
        assertThatThrownBy(() -> FileFormat.detect("old.xls", text, text.length))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void guessesMappingsFromTitlesAndJoinsSeveralColumnsIntoOneField() {
        List<ImportField> fields = List.of(
                ImportField.required("displayName", "姓名", "name"),
                ImportField.optional("phone", "手机"),
                ImportField.optional("street", "地址"));
        List<String> headers = List.of("Name", "手机", "地址1", "地址 2", "备注");
        ColumnMapping mapping = ColumnMapping.guess(headers, fields);
        assertThat(mapping.columns())
                .containsExactly(
                        Map.entry("Name", "displayName"),
                        Map.entry("手机", "phone"),
                        Map.entry("地址1", "street"),
                        Map.entry("地址 2", "street"));
        assertThat(mapping.columnsOf("street")).isEqualTo("地址1 + 地址 2");
        assertThat(mapping.against(headers).values(new String[] {"王", " 138 ", "文三路", "100号", "x"}))
                .containsExactly(
                        Map.entry("displayName", "王"), Map.entry("phone", "138"), Map.entry("street", "文三路 100号"));
        assertThat(new ColumnMapping(Map.of("手机", "phone")).problems(headers, fields))
                .containsExactly("No column is mapped to the required field \"displayName\"");
        assertThat(new ColumnMapping(Map.of("Name", "displayName", "传真", "fax")).problems(headers, fields))
                .hasSize(2);
    }

    @Test
    void neutralisesFormulasInExports() {
        assertThat(TableExport.neutralise("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(TableExport.neutralise("+86 138")).isEqualTo("'+86 138");
        assertThat(TableExport.neutralise("-5")).isEqualTo("'-5");
        assertThat(TableExport.neutralise("@cmd")).isEqualTo("'@cmd");
        assertThat(TableExport.neutralise("王小明")).isEqualTo("王小明");
    }
}
