package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V51 moves each customer's category spend from rows of their own onto the purchase summary's
 * arrays: every row's spend and units arrive, in code order, and a summary without categories keeps
 * empty arrays. Run on a database of its own, migrated to V48, given rows, then migrated on.
 */
@Tag("postgres")
class CategorySpendMigrationIntegrationTests {

    @Test
    void categoryRowsMoveOntoTheSummaryInCodeOrder() {
        String vendor = TestDatabase.postgres() ? "postgresql" : "h2";
        DriverManagerDataSource dataSource;
        if (TestDatabase.postgres()) {
            TestDatabase.recreateSchema("guanxi_v51");
            dataSource = new DriverManagerDataSource(
                    TestDatabase.postgresUrl() + "?currentSchema=guanxi_v51", TestDatabase.postgresUser(), "");
        } else {
            dataSource = new DriverManagerDataSource(
                    "jdbc:h2:mem:guanxi_v51;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                            + "DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }
        migrate(dataSource, vendor, "48"); // the last version both vendors have before V51
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO customer_purchase_summary (customer_id, currency, order_count, spend) VALUES"
                        + " (1, 'CNY', 3, 300.00), (2, 'CNY', 1, 50.00)")
                .update();
        jdbc.sql("INSERT INTO customer_category_spend (customer_id, category_code, spend, quantity) VALUES"
                        + " (1, 'SERVICE', 120.50, 2), (1, 'CARE', 0.00, 0), (1, 'FOOD', 179.50, 7)")
                .update();

        migrate(dataSource, vendor, "51");

        assertThat(categories(jdbc, 1)).containsExactly("CARE 0.00 0", "FOOD 179.50 7", "SERVICE 120.50 2");
        assertThat(categories(jdbc, 2)).isEmpty();
        assertThat(jdbc.sql(
                                "SELECT customer_id, order_count, spend FROM customer_purchase_summary ORDER BY customer_id")
                        .query((rs, n) -> rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getBigDecimal(3))
                        .list())
                .as("the summaries themselves are kept")
                .containsExactly("1 3 300.00", "2 1 50.00");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'customer_category_spend'"
                                        + " AND table_schema = "
                                        + (TestDatabase.postgres() ? "'guanxi_v51'" : "'public'"))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static List<String> categories(JdbcClient jdbc, long customer) {
        return io.guanxi.support.PurchaseArrays.categories(jdbc, customer);
    }

    /** The application's migrations for the vendor, up to {@code target}. */
    private static void migrate(DriverManagerDataSource dataSource, String vendor, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .target(target)
                .load()
                .migrate();
    }
}
