-- The arrays of many rows end to end (SQL has no aggregate for it): the last step of an order import
-- groups a customer's staged rows once, summing their figures and concatenating their visit days and
-- category shares, instead of grouping them three times (sums, days, categories). Each staged row adds
-- as many elements to every category array, so the concatenated arrays stay aligned element by element.
CREATE AGGREGATE arrays_concatenated(anycompatiblearray) (
    SFUNC = array_cat,
    STYPE = anycompatiblearray,
    INITCOND = '{}'
);
