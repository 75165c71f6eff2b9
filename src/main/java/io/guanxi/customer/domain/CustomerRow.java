package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The written columns of the customer table and their values, in one order, shared by single
 * writes (insert, update) and the bulk paths (COPY, batches) so that they cannot drift apart.
 */
final class CustomerRow {

    static final List<String> COLUMNS = List.of(
            "party_type",
            "kind",
            "display_name",
            "family_name",
            "given_name",
            "gender",
            "birthday",
            "phone",
            "email",
            "province",
            "city",
            "district",
            "street",
            "postcode",
            "id_number",
            "source_channel",
            "store_id",
            "owner_id",
            "created_at",
            "updated_at",
            "name_search",
            "name_pinyin",
            "name_initials",
            "data_quality",
            "phone_hash",
            "email_hash",
            "id_number_hash",
            "pii_key",
            "pii_index_key");

    /** {@code party_type, kind, ...} */
    static final String COLUMN_LIST = String.join(", ", COLUMNS);

    /** {@code ?,?,...} one per column. */
    static final String PLACEHOLDERS = String.join(",", Collections.nCopies(COLUMNS.size(), "?"));

    /** {@code party_type = ?, kind = ?, ...} */
    static final String ASSIGNMENTS = COLUMNS.stream().map(c -> c + " = ?").collect(Collectors.joining(", "));

    private CustomerRow() {}

    /**
     * The values for {@link #COLUMNS}, as JDBC parameters: search keys derived from the name, personal
     * data encrypted with the active key and hashed with the active index key.
     */
    static Object[] values(CustomerView c, PersonalData personal) {
        NameKeys names = NameKeys.of(c.displayName());
        return new Object[] {
            c.partyType().name(),
            c.kind().name(),
            c.displayName(),
            c.familyName(),
            c.givenName(),
            name(c.gender()),
            c.birthday() == null ? null : Date.valueOf(c.birthday()),
            personal.encrypt(PersonalData.Field.PHONE, c.phone()),
            personal.encrypt(PersonalData.Field.EMAIL, c.email()),
            c.province(),
            c.city(),
            c.district(),
            personal.encrypt(PersonalData.Field.STREET, c.street()),
            c.postcode(),
            personal.encrypt(PersonalData.Field.ID_NUMBER, c.idNumber()),
            name(c.sourceChannel()),
            c.storeId(),
            c.ownerId(),
            Timestamp.from(c.createdAt()),
            Timestamp.from(c.updatedAt()),
            names.search(),
            names.pinyin(),
            names.initials(),
            DataQualityRules.stored(c),
            personal.hash(PersonalData.Field.PHONE, c.phone()),
            personal.hash(PersonalData.Field.EMAIL, c.email()),
            personal.hash(PersonalData.Field.ID_NUMBER, c.idNumber()),
            personal.activeKey(),
            personal.activeIndexKey()
        };
    }

    /** The same values as one COPY csv line (empty = NULL, instants in ISO-8601), without a newline. */
    static void appendCsv(StringBuilder out, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value != null) {
                String text = value instanceof Timestamp timestamp
                        ? timestamp.toInstant().toString()
                        : value.toString();
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
