-- An order line is known by its order and its number, as the refund API already names it, and a
-- payment by its order and its place in the order (the PostgreSQL migration says why). Here the
-- payments' index on the order stays: it carries the reference to the order.
CREATE TABLE order_refund_line_by_number (
    refund_id BIGINT NOT NULL REFERENCES order_refund (id),
    order_id  BIGINT NOT NULL,
    line_no   INT    NOT NULL,
    quantity  INT    NOT NULL CHECK (quantity > 0),
    CONSTRAINT order_refund_line_pkey PRIMARY KEY (refund_id, line_no)
);
INSERT INTO order_refund_line_by_number (refund_id, order_id, line_no, quantity)
    SELECT rl.refund_id, l.order_id, l.line_no, rl.quantity FROM order_refund_line rl JOIN order_line l ON l.id = rl.line_id;
DROP TABLE order_refund_line;
ALTER TABLE order_refund_line_by_number RENAME TO order_refund_line;

ALTER TABLE order_line DROP PRIMARY KEY;
ALTER TABLE order_line DROP COLUMN id;
ALTER TABLE order_line DROP CONSTRAINT order_line_no_unique;
ALTER TABLE order_line ADD CONSTRAINT order_line_pkey PRIMARY KEY (order_id, line_no);
ALTER TABLE order_refund_line ADD CONSTRAINT order_refund_line_line_fkey
    FOREIGN KEY (order_id, line_no) REFERENCES order_line (order_id, line_no);

ALTER TABLE order_payment ADD COLUMN payment_no INT;
UPDATE order_payment p SET payment_no =
    (SELECT COUNT(*) FROM order_payment q WHERE q.order_id = p.order_id AND q.id <= p.id);
ALTER TABLE order_payment ALTER COLUMN payment_no SET NOT NULL;
ALTER TABLE order_payment DROP PRIMARY KEY;
ALTER TABLE order_payment DROP COLUMN id;
ALTER TABLE order_payment ADD CONSTRAINT order_payment_pkey PRIMARY KEY (order_id, payment_no);
