-- Per-customer effects of imported orders, staged by each import batch in its own transaction and
-- applied when the import is through its file (ADR 0015): the purchase summary increments, category
-- spend increments and visit days of a batch's customers. A batch appends here (no index: rows go
-- where the heap has room), and the import's last step applies the rows a partition at a time, each
-- in one statement that deletes exactly the rows it applies; what an interrupted import left is
-- applied by a sweep. Hash partitions by customer keep each of those steps to a sixteenth of the
-- rows. On H2 an import applies its effects in each batch, as before.
CREATE TABLE purchase_staged_total (
    customer_id       BIGINT                   NOT NULL,
    currency          CHAR(3)                  NOT NULL,
    first_purchase_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_purchase_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    order_count       BIGINT                   NOT NULL,
    spend             NUMERIC(16, 2)           NOT NULL,
    last_purchase_day BIGINT                   NOT NULL,
    staged_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
) PARTITION BY HASH (customer_id);

CREATE TABLE purchase_staged_category (
    customer_id   BIGINT                   NOT NULL,
    category_code VARCHAR(40)              NOT NULL,
    spend         NUMERIC(16, 2)           NOT NULL,
    quantity      BIGINT                   NOT NULL,
    staged_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
) PARTITION BY HASH (customer_id);

CREATE TABLE purchase_staged_visit (
    customer_id BIGINT                   NOT NULL,
    visit_date  DATE                     NOT NULL,
    staged_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
) PARTITION BY HASH (customer_id);

CREATE TABLE purchase_staged_total_0 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 0);
CREATE TABLE purchase_staged_total_1 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 1);
CREATE TABLE purchase_staged_total_2 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 2);
CREATE TABLE purchase_staged_total_3 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 3);
CREATE TABLE purchase_staged_total_4 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 4);
CREATE TABLE purchase_staged_total_5 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 5);
CREATE TABLE purchase_staged_total_6 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 6);
CREATE TABLE purchase_staged_total_7 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 7);
CREATE TABLE purchase_staged_total_8 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 8);
CREATE TABLE purchase_staged_total_9 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 9);
CREATE TABLE purchase_staged_total_10 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 10);
CREATE TABLE purchase_staged_total_11 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 11);
CREATE TABLE purchase_staged_total_12 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 12);
CREATE TABLE purchase_staged_total_13 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 13);
CREATE TABLE purchase_staged_total_14 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 14);
CREATE TABLE purchase_staged_total_15 PARTITION OF purchase_staged_total FOR VALUES WITH (MODULUS 16, REMAINDER 15);

CREATE TABLE purchase_staged_category_0 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 0);
CREATE TABLE purchase_staged_category_1 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 1);
CREATE TABLE purchase_staged_category_2 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 2);
CREATE TABLE purchase_staged_category_3 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 3);
CREATE TABLE purchase_staged_category_4 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 4);
CREATE TABLE purchase_staged_category_5 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 5);
CREATE TABLE purchase_staged_category_6 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 6);
CREATE TABLE purchase_staged_category_7 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 7);
CREATE TABLE purchase_staged_category_8 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 8);
CREATE TABLE purchase_staged_category_9 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 9);
CREATE TABLE purchase_staged_category_10 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 10);
CREATE TABLE purchase_staged_category_11 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 11);
CREATE TABLE purchase_staged_category_12 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 12);
CREATE TABLE purchase_staged_category_13 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 13);
CREATE TABLE purchase_staged_category_14 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 14);
CREATE TABLE purchase_staged_category_15 PARTITION OF purchase_staged_category FOR VALUES WITH (MODULUS 16, REMAINDER 15);

CREATE TABLE purchase_staged_visit_0 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 0);
CREATE TABLE purchase_staged_visit_1 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 1);
CREATE TABLE purchase_staged_visit_2 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 2);
CREATE TABLE purchase_staged_visit_3 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 3);
CREATE TABLE purchase_staged_visit_4 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 4);
CREATE TABLE purchase_staged_visit_5 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 5);
CREATE TABLE purchase_staged_visit_6 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 6);
CREATE TABLE purchase_staged_visit_7 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 7);
CREATE TABLE purchase_staged_visit_8 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 8);
CREATE TABLE purchase_staged_visit_9 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 9);
CREATE TABLE purchase_staged_visit_10 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 10);
CREATE TABLE purchase_staged_visit_11 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 11);
CREATE TABLE purchase_staged_visit_12 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 12);
CREATE TABLE purchase_staged_visit_13 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 13);
CREATE TABLE purchase_staged_visit_14 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 14);
CREATE TABLE purchase_staged_visit_15 PARTITION OF purchase_staged_visit FOR VALUES WITH (MODULUS 16, REMAINDER 15);
