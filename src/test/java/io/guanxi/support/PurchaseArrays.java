package io.guanxi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A customer's category spend as their purchase summary keeps it (V51), for assertions. */
public final class PurchaseArrays {

    private PurchaseArrays() {}

    /** Code, spend and units per category in the summary's order; empty without a summary. */
    public static List<String> categories(JdbcClient jdbc, long customer) {
        return jdbc.sql("SELECT category_codes, category_spend, category_quantity FROM customer_purchase_summary"
                        + " WHERE customer_id = ?")
                .param(customer)
                .query((rs, n) -> {
                    Object[] codes = (Object[]) rs.getArray(1).getArray();
                    Object[] spend = (Object[]) rs.getArray(2).getArray();
                    Object[] quantity = (Object[]) rs.getArray(3).getArray();
                    assertThat(spend).hasSameSizeAs(codes);
                    assertThat(quantity).hasSameSizeAs(codes);
                    List<String> categories = new ArrayList<>();
                    for (int i = 0; i < codes.length; i++) {
                        categories.add(codes[i] + " " + spend[i] + " " + quantity[i]);
                    }
                    return categories;
                })
                .optional()
                .orElse(List.of());
    }
}
