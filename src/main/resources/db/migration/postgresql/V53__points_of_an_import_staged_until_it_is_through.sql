-- Points an import's orders earn, worked out by each batch (at the tier the customer has then) and
-- staged with the batch's orders, then written to the ledger when the import is through its file,
-- once per customer (ADR 0018): movements and lots in the order earned, every balance moved once.
-- Before, each batch locked and moved the account of every customer it had an order for, about
-- once per order. Like the purchase increments (V43) the rows have no index and are hash
-- partitioned by customer into sixteen, so the last step takes a partition of both at a time;
-- what an interrupted import left is applied by the sweep. The ledger's rules hold throughout: the
-- balance is the sum of the movements, and staged points are not yet either. On H2 an import
-- earns its points in each batch, as before.
CREATE TABLE points_staged_earning (
    customer_id  BIGINT                   NOT NULL,
    source       VARCHAR(120)             NOT NULL,
    points       BIGINT                   NOT NULL CHECK (points > 0),
    actor        VARCHAR(64)              NOT NULL,
    note         VARCHAR(500),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    available_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    staged_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
) PARTITION BY HASH (customer_id);

DO $$
BEGIN
    FOR p IN 0..15 LOOP
        EXECUTE format('CREATE TABLE points_staged_earning_%s PARTITION OF points_staged_earning'
                       ' FOR VALUES WITH (MODULUS 16, REMAINDER %s)', p, p);
    END LOOP;
END
$$;
