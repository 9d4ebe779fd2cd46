"""psycopg2 probe for DeepSql.Clients.Tests: prints one line per finding ("KEY|value|..."), the C# test asserts them.
Run with Debian's /usr/bin/python3 (python3-psycopg2). Argument 1: a libpq connection string; argument 2: a table."""
import sys

import psycopg2


def step(name, fn):
    try:
        fn()
    except psycopg2.Error as e:
        print(f"ERROR|{name}|{e.pgcode}|{str(e).strip().splitlines()[0] if str(e).strip() else ''}")
        conn.rollback()
    except Exception as e:  # noqa: BLE001 - report and go on with the next step
        print(f"ERROR|{name}|-|{e!r}")


conn = psycopg2.connect(sys.argv[1])
table = sys.argv[2]
print(f"CONNECTED|{conn.server_version}")


def parameters():
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, name FROM {table} WHERE id >= %s AND name <> %s ORDER BY id", (2, "none"))
        for row in cur.fetchall():
            print(f"PARAM|{row[0]}|{row[1]}")
        cur.execute("SELECT %s::date, %s::float8, %s::text", ("2024-01-02", 2.5, "it's"))
        d, f, t = cur.fetchone()
        print(f"TYPED|{d.isoformat()}|{f}|{t}")


def named_cursor():
    with conn.cursor(name="probe_cursor") as cur:
        cur.itersize = 3
        cur.execute(f"SELECT id FROM {table} ORDER BY id")
        batches = []
        while True:
            rows = cur.fetchmany(3)
            if not rows:
                break
            batches.append(",".join(str(r[0]) for r in rows))
        print("FETCHMANY|" + ";".join(batches))
    conn.commit()


def arrays():
    with conn.cursor() as cur:
        cur.execute("SELECT CAST(ARRAY[1.5, -2.25] AS REAL[]), CAST(ARRAY['a', 'b c'] AS TEXT[])")
        f, t = cur.fetchone()
        print(f"ARRAY|{f!r}|{t!r}")


def error():
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM psycopg_no_such_table")


def after_error():
    with conn.cursor() as cur:
        cur.execute("SELECT 40 + 2")
        print(f"AFTER_ERROR|{cur.fetchone()[0]}")


step("parameters", parameters)
step("named_cursor", named_cursor)
step("arrays", arrays)
step("error", error)
step("after_error", after_error)
conn.close()
print("DONE")
