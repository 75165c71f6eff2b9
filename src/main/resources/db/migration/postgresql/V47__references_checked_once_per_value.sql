-- A statement's references are checked once per value instead of once per row (V35): an order
-- import batch writes 20,000 order lines for about 7,000 orders, so the check of the lines' orders
-- looked the same order up three times on average. Behaviour is unchanged; the error names the
-- same kind of missing value.
CREATE OR REPLACE FUNCTION guanxi_reference_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing BIGINT;
BEGIN
    EXECUTE format('SELECT n.v FROM (SELECT DISTINCT %1$I AS v FROM new_rows WHERE %1$I IS NOT NULL) n'
                   ' WHERE NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = n.v) LIMIT 1',
                   TG_ARGV[0], TG_ARGV[1])
        INTO missing;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'insert or update on table "%" violates reference "%": % = % is not present in table "%"',
                TG_TABLE_NAME, TG_NAME, TG_ARGV[0], missing, TG_ARGV[1]
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
