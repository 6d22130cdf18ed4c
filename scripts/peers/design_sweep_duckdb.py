"""Run design_sweep_duckdb.sql: the design benchmark's sweep in DuckDB SQL.

Usage: python design_sweep_duckdb.py OUT.csv GB_AXIS.txt THREADS
"""

import pathlib
import sys

import duckdb

from design_sweep_polars import gb_axis


def main() -> None:
    out, axis, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute("CREATE TEMP TABLE gb (gi BIGINT, gb VARCHAR)")
    con.executemany("INSERT INTO gb VALUES (?, ?)", list(enumerate(gb_axis(axis))))
    sql = (pathlib.Path(__file__).parent / "design_sweep_duckdb.sql").read_text()
    con.execute(sql.replace("__OUT__", out.replace("'", "''")))


if __name__ == "__main__":
    main()
