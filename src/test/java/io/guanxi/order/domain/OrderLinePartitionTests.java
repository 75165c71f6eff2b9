package io.guanxi.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.imports.ImportRow;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Order lines go to the import writer of their customer, as the file names the customer. */
class OrderLinePartitionTests {

    private final OrderLineImport target = new OrderLineImport(null, null, null, null, null, null, null, null);

    private static ImportRow row(String order, String member, String phone) {
        Map<String, String> values = new HashMap<>();
        values.put(OrderLineRows.ORDER_NUMBER, order);
        if (member != null) {
            values.put(OrderLineRows.CUSTOMER_ID, member);
        }
        if (phone != null) {
            values.put(OrderLineRows.CUSTOMER_PHONE, phone);
        }
        return new ImportRow(1, values);
    }

    @Test
    void theMemberNumberDecidesElseThePhoneDigitsElseTheOrder() {
        assertThat(target.partitionKey(row("SO-1", " M001 ", "138 0000 0001")))
                .isEqualTo(target.partitionKey(row("SO-2", "M001", null)))
                .isEqualTo("id:M001");
        assertThat(target.partitionKey(row("SO-3", null, "138-0000-0002")))
                .isEqualTo(target.partitionKey(row("SO-4", " ", "13800000002")))
                .isEqualTo("phone:13800000002");
        assertThat(target.partitionKey(row("SO-5", null, null))).isEqualTo("SO-5");
    }
}
