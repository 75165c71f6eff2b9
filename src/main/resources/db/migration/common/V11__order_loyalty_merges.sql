-- Orders moved to the surviving customer by a merge, so that undoing the merge moves exactly
-- those back.
CREATE TABLE customer_order_move (
    merge_id         BIGINT NOT NULL,
    order_id         BIGINT NOT NULL REFERENCES customer_order (id),
    from_customer_id BIGINT NOT NULL,
    to_customer_id   BIGINT NOT NULL,
    PRIMARY KEY (merge_id, order_id)
);
