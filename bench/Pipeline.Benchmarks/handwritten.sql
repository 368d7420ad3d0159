-- orders-daily written by hand for DuckDB, as an expert would: one read, one materialised result, the whole
-- ruleset in one aggregate pass, one partitioned write. The benchmark runs the steps in order on one connection
-- (the quality row is checked in between: on a failed rule nothing is written, like OnQualityFailure(Fail)).
-- Placeholders: {{RAW}} input folder, {{OUT}} output folder, {{PATTERN}} the order id pattern.

-- @step read + filter + transform + dedupe
CREATE TEMP TABLE curated AS
SELECT DISTINCT ON (order_id) *
FROM (
    SELECT trim(order_id)                             AS order_id,
           customer_id,
           CAST(amount AS DECIMAL(12,2))              AS amount,
           upper(trim(currency))                      AS currency,
           coalesce(lower(trim(channel)), 'unknown')  AS channel,
           lower(status)                              AS status,
           created_at,
           CAST(created_at AS DATE)                   AS order_date,
           CAST(year(created_at) AS INTEGER)          AS year,
           CAST(month(created_at) AS INTEGER)         AS month,
           CAST(day(created_at) AS INTEGER)           AS day
    FROM read_json('{{RAW}}/*.json', format = 'newline_delimited',
                   columns = {order_id: 'VARCHAR', customer_id: 'VARCHAR', amount: 'DECIMAL(18,2)', currency: 'VARCHAR',
                              status: 'VARCHAR', channel: 'VARCHAR', created_at: 'TIMESTAMP'})
    WHERE amount > 0 AND status IS DISTINCT FROM 'test' AND customer_id IS NOT NULL
);

-- @step quality (one pass)
-- Each column counts the rows failing one rule of the orders-daily ruleset; all must be 0 and row_count > 0.
SELECT count(*)                                                                         AS row_count,
       count(*) FILTER (WHERE order_id IS NULL)                                         AS "IsComplete order_id",
       count(order_id) - count(DISTINCT order_id)                                       AS "IsUnique order_id",
       count(*) FILTER (WHERE NOT coalesce(regexp_full_match(order_id, '{{PATTERN}}'), false)) AS "ColumnValues order_id matches",
       count(*) FILTER (WHERE length(order_id) > 32)                                    AS "ColumnLength order_id <= 32",
       count(*) FILTER (WHERE customer_id IS NULL)                                      AS "IsComplete customer_id",
       count(*) FILTER (WHERE length(customer_id) > 32)                                 AS "ColumnLength customer_id <= 32",
       count(*) FILTER (WHERE NOT coalesce(amount >= 0, false))                         AS "ColumnValues amount >= 0",
       count(*) FILTER (WHERE NOT coalesce(amount <= 100000, false))                    AS "ColumnValues amount <= 100000",
       count(*) FILTER (WHERE NOT coalesce(currency IN ('EUR', 'USD', 'GBP'), false))   AS "ColumnValues currency in",
       count(*) FILTER (WHERE NOT coalesce(channel IN ('web', 'app', 'store', 'unknown'), false)) AS "ColumnValues channel in"
FROM curated;

-- @step write partitioned parquet
COPY curated TO '{{OUT}}' (FORMAT PARQUET, COMPRESSION 'snappy', PARTITION_BY (year, month, day), OVERWRITE_OR_IGNORE true);
