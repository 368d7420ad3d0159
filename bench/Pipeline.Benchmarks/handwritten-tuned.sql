-- orders-daily written by hand for DuckDB with everything the generated SQL knows: the same logic as handwritten.sql,
-- but exact and tuned. C#'s Trim() removes every Unicode white space, not only spaces: trimmed here with the same set
-- and the same cheap visible-ASCII test the generator prints ({{WS}} is that set); dedupe with a row_number() window
-- (faster than DISTINCT ON on DuckDB 1.5); partitioned Parquet in half-size row groups (so small partitions are not
-- all flushed at the end on one thread). The runner's own overheads are what remains between the two: its 2 GB memory
-- budget, staging and atomic publish, bookmarks, the generic DQDL evaluator.
-- Placeholders: {{RAW}} input folder, {{OUT}} output folder, {{PATTERN}} the order id pattern, {{WS}} the white space set.

-- @step read + filter + transform + dedupe
CREATE TEMP TABLE curated AS
SELECT *
FROM (
    SELECT (CASE WHEN order_id >= '!' AND order_id < chr(127) AND (order_id)[-1] BETWEEN '!' AND '~' THEN order_id
                 ELSE trim(order_id, {{WS}}) END) AS order_id,
           customer_id,
           CAST(amount AS DECIMAL(12,2))              AS amount,
           upper((CASE WHEN currency >= '!' AND currency < chr(127) AND (currency)[-1] BETWEEN '!' AND '~' THEN currency
                 ELSE trim(currency, {{WS}}) END)) AS currency,
           coalesce(lower((CASE WHEN channel >= '!' AND channel < chr(127) AND (channel)[-1] BETWEEN '!' AND '~' THEN channel
                 ELSE trim(channel, {{WS}}) END)), 'unknown') AS channel,
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
)
QUALIFY row_number() OVER (PARTITION BY order_id) = 1;

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
COPY curated TO '{{OUT}}' (FORMAT PARQUET, COMPRESSION 'snappy', PARTITION_BY (year, month, day), ROW_GROUP_SIZE 61440, OVERWRITE_OR_IGNORE true);
