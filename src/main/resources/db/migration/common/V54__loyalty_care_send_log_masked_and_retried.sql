-- The care send log keeps the address only masked (w***@example.com, as shown to users without the
-- right to read personal data): the customer's own address is stored encrypted, and the log is read
-- by more people. Existing rows are masked (care messages go by email only so far), and a provider's
-- reason quoting the address with them.
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
