"""SQLAlchemy probe for DeepSql.Clients.Tests: what Apache Superset does when a database is added and its tables are
browsed (the PostgreSQL dialect over psycopg2: inspect(engine), reflection, text() with bound parameters, select()).
Prints one line per finding ("KEY|value|..."), the C# test compares them with PostgreSQL 15's.
Run with Debian's /usr/bin/python3 (python3-sqlalchemy, python3-psycopg2).
Argument 1: a URL postgresql+psycopg2://user@host:port/db; argument 2: the table with the typed columns;
argument 3: the table with a foreign key to it; argument 4: the view."""
import sys

import sqlalchemy
from sqlalchemy import MetaData, Table, create_engine, inspect, select, text

url, table, child, view = sys.argv[1:5]
engine = create_engine(url, connect_args={"connect_timeout": 10})


def step(name, fn):
    try:
        fn()
    except sqlalchemy.exc.DBAPIError as e:
        orig = e.orig
        code = getattr(orig, "pgcode", None) or "-"
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
        print(f"ERROR|{name}|{code}|{first}")
    except Exception as e:  # noqa: BLE001 - report and go on with the next step
        print(f"ERROR|{name}|-|{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")


ours = {table, child, view}
insp = None


def connect():
    global insp
    insp = inspect(engine)
    print(f"CONNECTED|{sqlalchemy.__version__}|{engine.dialect.name}|{engine.dialect.driver}")


def schemas():
    names = insp.get_schema_names()
    print(f"SCHEMAS|{'public' in names}")
    print(f"DEFAULT_SCHEMA|{insp.default_schema_name}")


def tables():
    for name in sorted(n for n in insp.get_table_names() if n in ours):
        print(f"TABLES|{name}")
    for name in sorted(n for n in insp.get_table_names(schema="public") if n in ours):
        print(f"TABLES_PUBLIC|{name}")


def views():
    for name in sorted(n for n in insp.get_view_names() if n in ours):
        print(f"VIEWS|{name}")


def columns():
    for c in insp.get_columns(table):
        print(f"COLUMN|{c['name']}|{c['type']}|{c['nullable']}|{c['default']}|{c.get('autoincrement')}")
    for c in insp.get_columns(view):
        print(f"VIEW_COLUMN|{c['name']}|{c['type']}|{c['nullable']}")


def pk():
    for t in (table, child):
        p = insp.get_pk_constraint(t)
        print(f"PK|{t}|{','.join(p['constrained_columns'])}|{p['name']}")


def foreign_keys():
    for t in (table, child):
        fks = insp.get_foreign_keys(t)
        print(f"FK_COUNT|{t}|{len(fks)}")
        for fk in fks:
            print(f"FK|{t}|{','.join(fk['constrained_columns'])}|{fk['referred_schema']}|{fk['referred_table']}|"
                  f"{','.join(fk['referred_columns'])}|{fk['name']}")


def indexes():
    for t in (table, child):
        for ix in sorted(insp.get_indexes(t), key=lambda i: i["name"]):
            print(f"INDEX|{t}|{ix['name']}|{','.join(c or '' for c in ix['column_names'])}|{ix['unique']}")
        print(f"INDEX_DONE|{t}")


def unique_constraints():
    for t in (table, child):
        for u in sorted(insp.get_unique_constraints(t), key=lambda u: u["name"]):
            print(f"UNIQUE|{t}|{','.join(u['column_names'])}|{u['name']}")
        print(f"UNIQUE_DONE|{t}")


def has_table():
    print(f"HAS_TABLE|{table}|{insp.has_table(table)}")
    print(f"HAS_TABLE|{view}|{insp.has_table(view)}")
    print(f"HAS_TABLE|sqla_no_such_table|{insp.has_table('sqla_no_such_table')}")
    print(f"HAS_TABLE_PUBLIC|{table}|{insp.has_table(table, schema='public')}")


def bound_parameters():
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, code FROM {table} WHERE id > :n ORDER BY id"), {"n": 1}).fetchall()
        for r in rows:
            print(f"TEXT|{r.id}|{r.code}")
        r = conn.execute(text("SELECT CAST(:d AS DATE) AS d, CAST(:s AS TEXT) AS s, :f AS f"),
                         {"d": "2024-01-02", "s": "it's", "f": 2.5}).one()
        print(f"TEXT_TYPED|{r.d.isoformat()}|{r.s}|{r.f}")


def reflected_select():
    md = MetaData()
    t = Table(table, md, autoload_with=engine)
    print("REFLECTED|" + ",".join(f"{c.name}:{c.type}" for c in t.columns))
    with engine.connect() as conn:
        q = select(t.c.id, t.c.code, t.c.amount, t.c.day, t.c.active).where(t.c.amount > 1).order_by(t.c.id)
        for r in conn.execute(q):
            print(f"SELECT|{r.id}|{r.code}|{r.amount!r}|{r.day!r}|{r.active}")
        q = select(t.c.code).where(t.c.note.is_(None))
        print("SELECT_NULL|" + ",".join(r.code for r in conn.execute(q)))
        q = select(sqlalchemy.func.count()).select_from(t).where(t.c.code.in_(["a1", "c3", "zz"]))
        print(f"SELECT_IN|{conn.execute(q).scalar()}")
    o = Table(child, md, autoload_with=engine)
    print("REFLECTED_FK|" + ",".join(sorted(f"{fk.parent.name}->{fk.target_fullname}" for fk in o.foreign_keys)))
    with engine.connect() as conn:
        q = select(o.c.order_id, t.c.code).join_from(o, t, o.c.item_id == t.c.id).order_by(o.c.order_id)
        for r in conn.execute(q):
            print(f"JOIN|{r.order_id}|{r.code}")


def server_version():
    with engine.connect() as conn:
        print(f"SERVER_VERSION|{conn.dialect.server_version_info}")
    print(f"DIALECT_VERSION|{engine.dialect.server_version_info}")


step("connect", connect)
if insp is not None:
    step("get_schema_names", schemas)
    step("get_table_names", tables)
    step("get_view_names", views)
    step("get_columns", columns)
    step("get_pk_constraint", pk)
    step("get_foreign_keys", foreign_keys)
    step("get_indexes", indexes)
    step("get_unique_constraints", unique_constraints)
    step("has_table", has_table)
step("text", bound_parameters)
step("reflected_select", reflected_select)
step("server_version", server_version)
engine.dispose()
print("DONE")
