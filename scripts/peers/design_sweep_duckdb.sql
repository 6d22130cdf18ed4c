-- The design benchmark's sweep (`vpceplan bench --design`) in DuckDB SQL: an independent
-- peer of vpceplan for BENCHMARKS.md. Same points, same four designs, same CSV columns in
-- the same row order, in DOUBLE arithmetic. The formulas are those of
-- design_sweep_polars.py (its header explains them). Run by design_sweep_duckdb.py, which
-- sets `threads`, the output file (:out) and the traffic axis (table gb, from the same
-- log-axis rounding as vpceplan).

CREATE OR REPLACE MACRO avg_gbps(gb) AS gb * 1073741824.0 * 8.0 / (730.0 * 3600.0) / 1e9;
CREATE OR REPLACE MACRO tiered(q) AS
    least(q, 1048576.0) * 0.01
    + greatest(least(q, 5242880.0) - 1048576.0, 0) * 0.006
    + greatest(q - 5242880.0, 0) * 0.004;
-- 0 ok, 1 burst, 2 over (a millionth of tolerance, as vpceplan)
CREATE OR REPLACE MACRO st(load, sus, burst) AS
    CASE WHEN load <= sus * (1 + 1e-9) THEN 0 WHEN load <= burst * (1 + 1e-9) THEN 1 ELSE 2 END;
CREATE OR REPLACE MACRO az_st(load, survivors, sus, burst) AS
    CASE WHEN survivors > 0 THEN st(load / survivors, sus, burst) ELSE 3 END;
CREATE OR REPLACE MACRO status_name(c) AS ['ok', 'burst', 'over', 'down'][c + 1];

CREATE OR REPLACE TEMP TABLE points AS
SELECT n, gi, gb, CAST(gb AS DOUBLE) AS g, k, d
FROM range(1, 501) s(n)
CROSS JOIN gb
CROSS JOIN (VALUES (2), (3), (4), (5), (6)) a(k)
CROSS JOIN range(0, 4) dd(d);

COPY (
    WITH f AS (
        SELECT n, gi, gb, k, d,
               n * g AS t,
               greatest(n / 6.0, avg_gbps(n * g / 6.0)) AS svc_load,
               greatest(n * 1.0, avg_gbps(n * g)) AS all_load
        FROM points
    ),
    m AS (
        SELECT *,
            CASE d
                WHEN 0 THEN n * k * 730.0 * 0.045 + t * 0.045
                WHEN 1 THEN 6 * n * k * 730.0 * 0.01 + tiered(t)
                WHEN 2 THEN 6 * k * 730.0 * 0.01 + tiered(t) + (n + 1) * 730.0 * 0.05
                            + t * 0.02 + 730.0 * 0.75 + greatest(n + 1 - 100, 0) * 0.0014 * 730.0
                ELSE 5 * n * k * 730.0 * 0.01 + tiered(t * 5.0 / 6.0)
            END AS monthly,
            CASE d
                WHEN 0 THEN (5.0 - all_load / (n * k)) / 5.0 * 100
                WHEN 2 THEN least((10.0 - svc_load / k) / 10.0 * 100,
                                  (50.0 - all_load / (n * k)) / 50.0 * 100,
                                  (50.0 - all_load / k) / 50.0 * 100)
                ELSE (10.0 - svc_load / (n * k)) / 10.0 * 100
            END AS headroom,
            CASE d
                WHEN 0 THEN st(all_load / (n * k), 5.0, 100.0)
                WHEN 2 THEN greatest(st(svc_load / k, 10.0, 40.0),
                                     st(all_load / (n * k), 50.0, 50.0),
                                     st(all_load / k, 50.0, 50.0))
                ELSE st(svc_load / (n * k), 10.0, 40.0)
            END AS code,
            CASE d
                WHEN 0 THEN az_st(all_load, n * k - n, 5.0, 100.0)
                WHEN 2 THEN greatest(az_st(svc_load, k - 1, 10.0, 40.0),
                                     az_st(all_load, n * k - n, 50.0, 50.0),
                                     az_st(all_load, k - 1, 50.0, 50.0))
                ELSE az_st(svc_load, n * k - n, 10.0, 40.0)
            END AS az_code
        FROM f
    )
    SELECT n AS spokes,
           gb AS gb_per_month_per_spoke,
           k AS azs,
           'design-bench' AS scenario,
           ['nat', 'distributed', 'centralized', 'gateway-where-possible'][d + 1] AS design,
           round(monthly, 2) AS monthly_usd,
           round(monthly / 730.0, 6) AS hourly_usd,
           round(monthly / t, 6) AS usd_per_gb,
           round(headroom, 2) AS min_headroom_pct,
           status_name(code) AS status,
           status_name(az_code) AS az_loss_status,
           'yes' AS valid,
           '' AS reason
    FROM m
    ORDER BY n, gi, k, d
) TO '__OUT__' (HEADER, DELIMITER ',');
