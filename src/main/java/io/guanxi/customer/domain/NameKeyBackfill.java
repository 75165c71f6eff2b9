package io.guanxi.customer.domain;

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

/** Fills the search keys of customers written before they existed, in batches, at start-up. */
@Component
class NameKeyBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NameKeyBackfill.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    NameKeyBackfill(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public void run(ApplicationArguments args) {
        long filled = 0;
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
            filled += rows.size();
        }
        if (filled > 0) {
            log.info("Filled search keys of {} customers", filled);
        }
    }
}
