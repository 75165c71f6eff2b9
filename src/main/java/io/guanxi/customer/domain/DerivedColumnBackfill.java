package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills the columns derived from a customer's data (name search keys, data-quality points) for
 * customers written before those columns existed, in batches, at start-up.
 */
@Component
class DerivedColumnBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DerivedColumnBackfill.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CustomerRepository customers;

    DerivedColumnBackfill(JdbcClient jdbc, JdbcTemplate template, CustomerRepository customers) {
        this.jdbc = jdbc;
        this.template = template;
        this.customers = customers;
    }

    @Override
    public void run(ApplicationArguments args) {
        long names = 0;
        while (true) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT id, display_name FROM customer WHERE name_search IS NULL"
                            + " AND display_name IS NOT NULL ORDER BY id LIMIT " + BATCH)
                    .query()
                    .listOfRows();
            if (rows.isEmpty()) {
                break;
            }
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                NameKeys keys = NameKeys.of((String) row.get("display_name"));
                updates.add(new Object[] {keys.search(), keys.pinyin(), keys.initials(), row.get("id")});
            }
            template.batchUpdate(
                    "UPDATE customer SET name_search = ?, name_pinyin = ?, name_initials = ? WHERE id = ?", updates);
            names += rows.size();
        }
        long quality = 0;
        while (true) {
            List<CustomerView> rows = jdbc.sql("SELECT " + CustomerRepository.COLUMNS
                            + " FROM customer WHERE data_quality IS NULL ORDER BY id LIMIT " + BATCH)
                    .query(customers::map)
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (CustomerView row : rows) {
                updates.add(new Object[] {DataQualityRules.stored(row), row.id()});
            }
            template.batchUpdate("UPDATE customer SET data_quality = ? WHERE id = ?", updates);
            quality += rows.size();
        }
        if (names + quality > 0) {
            log.info("Filled search keys of {} and data-quality points of {} customers", names, quality);
        }
    }
}
