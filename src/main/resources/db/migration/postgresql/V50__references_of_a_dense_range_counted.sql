-- A statement whose references fill a dense range of ids is checked by counting the referenced
-- table's ids in that range instead of looking each one up (V47). An order import batch's lines,
-- payments and points lots refer to the orders and movements the batch has just written, whose ids
-- the batch took from their sequence in one block: about 7,000 values between their lowest and
-- highest. Ids are unique, so when the referenced table holds as many rows between the lowest and
-- the highest value as the range has integers, every value in it is present; one scan along the
-- key replaces thousands of lookups and the DISTINCT before them (for 10,000 lines of 3,500 orders
-- written just before in the same transaction, the check took 4 ms instead of 7.5 ms). When the
-- range is sparse (more than four times the statement's rows) or has a gap, the check looks each
-- value up as before, and names the first missing one.
CREATE OR REPLACE FUNCTION guanxi_reference_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing BIGINT;
    lowest BIGINT;
    highest BIGINT;
    referring BIGINT;
    present BIGINT;
BEGIN
    EXECUTE format('SELECT min(%1$I), max(%1$I), count(%1$I) FROM new_rows', TG_ARGV[0])
        INTO lowest, highest, referring;
    IF referring = 0 THEN
        RETURN NULL;
    END IF;
    IF highest - lowest < 4 * referring THEN
        EXECUTE format('SELECT count(*) FROM %1$I p WHERE p.id BETWEEN $1 AND $2', TG_ARGV[1])
            INTO present
            USING lowest, highest;
        IF present = highest - lowest + 1 THEN
            RETURN NULL;
        END IF;
    END IF;
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
