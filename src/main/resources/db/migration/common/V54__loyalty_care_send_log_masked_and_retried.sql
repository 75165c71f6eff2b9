-- The care send log keeps the address only masked (w***@example.com, as shown to users without the
-- right to read personal data): the customer's own address is stored encrypted, and the log is read
-- by more people. Existing rows are masked (care messages go by email only so far), and a provider's
-- reason quoting the address with them.
-- A failed message is tried again by later runs: the row counts its attempts and keeps when the last
-- began. Each moment remembers its last run, so that the days the job missed since then are made up.
UPDATE care_message
SET reason = REPLACE(reason, recipient,
        CASE WHEN POSITION('@' IN recipient) > 1
             THEN SUBSTRING(recipient FROM 1 FOR 1) || '***' || SUBSTRING(recipient FROM POSITION('@' IN recipient))
             ELSE '***' END)
WHERE recipient IS NOT NULL AND recipient <> '' AND reason IS NOT NULL;

UPDATE care_message
SET recipient = CASE WHEN POSITION('@' IN recipient) > 1
                     THEN SUBSTRING(recipient FROM 1 FOR 1) || '***' || SUBSTRING(recipient FROM POSITION('@' IN recipient))
                     ELSE '***' END
WHERE recipient IS NOT NULL;

ALTER TABLE care_message ADD COLUMN attempts INT NOT NULL DEFAULT 1;
ALTER TABLE care_message ADD COLUMN attempted_at TIMESTAMP WITH TIME ZONE;
UPDATE care_message SET attempted_at = created_at;
ALTER TABLE care_message ALTER COLUMN attempted_at SET NOT NULL;
CREATE INDEX care_message_status_due_idx ON care_message (status, due_on);

ALTER TABLE care_moment ADD COLUMN last_run_at TIMESTAMP WITH TIME ZONE;
