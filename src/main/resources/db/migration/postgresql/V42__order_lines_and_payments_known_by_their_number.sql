-- An order line is known by its order and its number, as the refund API already names it, and a
-- payment by its order and its place in the order: one index per line and per payment instead of
-- two, and no sequence value per row when an import writes millions of them.
ALTER TABLE order_refund_line ADD COLUMN order_id BIGINT;
ALTER TABLE order_refund_line ADD COLUMN line_no INT;
UPDATE order_refund_line rl SET order_id = l.order_id, line_no = l.line_no FROM order_line l WHERE l.id = rl.line_id;
ALTER TABLE order_refund_line ALTER COLUMN order_id SET NOT NULL;
ALTER TABLE order_refund_line ALTER COLUMN line_no SET NOT NULL;
ALTER TABLE order_refund_line DROP CONSTRAINT order_refund_line_pkey;
ALTER TABLE order_refund_line DROP COLUMN line_id;

ALTER TABLE order_line DROP COLUMN id;
ALTER TABLE order_line DROP CONSTRAINT order_line_no_unique;
ALTER TABLE order_line ADD CONSTRAINT order_line_pkey PRIMARY KEY (order_id, line_no);

ALTER TABLE order_refund_line ADD CONSTRAINT order_refund_line_pkey PRIMARY KEY (refund_id, line_no);
ALTER TABLE order_refund_line ADD CONSTRAINT order_refund_line_line_fkey
    FOREIGN KEY (order_id, line_no) REFERENCES order_line (order_id, line_no);

ALTER TABLE order_payment ADD COLUMN payment_no INT;
UPDATE order_payment p SET payment_no = n.no
    FROM (SELECT id, row_number() OVER (PARTITION BY order_id ORDER BY id) AS no FROM order_payment) n
    WHERE n.id = p.id;
ALTER TABLE order_payment ALTER COLUMN payment_no SET NOT NULL;
ALTER TABLE order_payment DROP COLUMN id;
DROP INDEX order_payment_order_idx;
ALTER TABLE order_payment ADD CONSTRAINT order_payment_pkey PRIMARY KEY (order_id, payment_no);
