-- Part 4: helper macros the catalog views are built from (names start with deepsql_ so they never meet a
-- PostgreSQL name).

-- Relations whose OID PostgreSQL fixes (catalog tables: clients write classoid = 'pg_class'::regclass).
CREATE OR REPLACE TABLE deepsql_catalog.deepsql_known_oid (dq_name VARCHAR NOT NULL, dq_oid UINTEGER NOT NULL);
INSERT INTO deepsql_catalog.deepsql_known_oid VALUES
    ('pg_type', 1247), ('pg_attribute', 1249), ('pg_proc', 1255), ('pg_class', 1259), ('pg_authid', 1260),
    ('pg_auth_members', 1261), ('pg_database', 1262), ('pg_tablespace', 1213), ('pg_shdescription', 2396),
    ('pg_aggregate', 2600), ('pg_am', 2601), ('pg_attrdef', 2604), ('pg_cast', 2605), ('pg_constraint', 2606),
    ('pg_depend', 2608), ('pg_description', 2609), ('pg_index', 2610), ('pg_inherits', 2611),
    ('pg_language', 2612), ('pg_namespace', 2615), ('pg_operator', 2617), ('pg_rewrite', 2618),
    ('pg_trigger', 2620), ('pg_sequence', 2224), ('pg_extension', 3079), ('pg_foreign_table', 3118),
    ('pg_policy', 3256), ('pg_statistic_ext', 3381), ('pg_collation', 3456), ('pg_event_trigger', 3466),
    ('pg_enum', 3501), ('pg_range', 3541), ('pg_publication', 6104), ('pg_publication_rel', 6106),
    ('pg_publication_namespace', 6237), ('pg_roles', 12000), ('pg_user', 12014), ('pg_views', 12028),
    ('pg_tables', 12033), ('pg_matviews', 12038), ('pg_indexes', 12043), ('pg_sequences', 12048),
    ('pg_settings', 12104), ('pg_stat_user_tables', 12161), ('pg_stat_activity', 12222);

-- Macro hygiene: a macro's arguments are expressions of the caller's query (c.oid, or a bare oid). Subqueries
-- inside macros therefore read only deepsql_h_* views and dq_-prefixed aliases, whose column names all start
-- with dq_, so no caller name is ever captured by a table inside the macro.

-- DuckDB schema → PostgreSQL namespace: main is public; the emulation schemas are pg_catalog/information_schema.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_nspname(schema_name) AS
    CASE schema_name WHEN 'main' THEN 'public' WHEN 'deepsql_catalog' THEN 'pg_catalog'
        WHEN 'deepsql_information_schema' THEN 'information_schema' ELSE schema_name END;

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_nsp_oid(schema_name) AS
    CASE schema_name WHEN 'main' THEN 2200::UINTEGER WHEN 'public' THEN 2200::UINTEGER
        WHEN 'deepsql_catalog' THEN 11::UINTEGER WHEN 'pg_catalog' THEN 11::UINTEGER
        WHEN 'deepsql_information_schema' THEN 13000::UINTEGER WHEN 'information_schema' THEN 13000::UINTEGER
        ELSE (hash(schema_name) % 100000000)::UINTEGER + 3000000000::UINTEGER END;

-- Stable synthetic OID of a relation (table, view, index): the same name gives the same OID across restarts.
-- A plain expression (no subquery): it is evaluated for every row of pg_class and pg_attribute.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_rel_oid(schema_name, rel_name) AS
    CASE WHEN schema_name = 'deepsql_catalog' AND rel_name IN (
        'pg_type', 'pg_attribute', 'pg_proc', 'pg_class', 'pg_authid', 'pg_auth_members', 'pg_database',
        'pg_tablespace', 'pg_shdescription', 'pg_aggregate', 'pg_am', 'pg_attrdef', 'pg_cast',
        'pg_constraint', 'pg_depend', 'pg_description', 'pg_index', 'pg_inherits', 'pg_language',
        'pg_namespace', 'pg_operator', 'pg_rewrite', 'pg_trigger', 'pg_sequence', 'pg_extension',
        'pg_foreign_table', 'pg_policy', 'pg_statistic_ext', 'pg_collation', 'pg_event_trigger',
        'pg_enum', 'pg_range', 'pg_publication', 'pg_publication_rel', 'pg_publication_namespace',
        'pg_roles', 'pg_user', 'pg_views', 'pg_tables', 'pg_matviews', 'pg_indexes', 'pg_sequences',
        'pg_settings', 'pg_stat_user_tables', 'pg_stat_activity')
         THEN (CASE rel_name
             WHEN 'pg_type' THEN 1247
             WHEN 'pg_attribute' THEN 1249
             WHEN 'pg_proc' THEN 1255
             WHEN 'pg_class' THEN 1259
             WHEN 'pg_authid' THEN 1260
             WHEN 'pg_auth_members' THEN 1261
             WHEN 'pg_database' THEN 1262
             WHEN 'pg_tablespace' THEN 1213
             WHEN 'pg_shdescription' THEN 2396
             WHEN 'pg_aggregate' THEN 2600
             WHEN 'pg_am' THEN 2601
             WHEN 'pg_attrdef' THEN 2604
             WHEN 'pg_cast' THEN 2605
             WHEN 'pg_constraint' THEN 2606
             WHEN 'pg_depend' THEN 2608
             WHEN 'pg_description' THEN 2609
             WHEN 'pg_index' THEN 2610
             WHEN 'pg_inherits' THEN 2611
             WHEN 'pg_language' THEN 2612
             WHEN 'pg_namespace' THEN 2615
             WHEN 'pg_operator' THEN 2617
             WHEN 'pg_rewrite' THEN 2618
             WHEN 'pg_trigger' THEN 2620
             WHEN 'pg_sequence' THEN 2224
             WHEN 'pg_extension' THEN 3079
             WHEN 'pg_foreign_table' THEN 3118
             WHEN 'pg_policy' THEN 3256
             WHEN 'pg_statistic_ext' THEN 3381
             WHEN 'pg_collation' THEN 3456
             WHEN 'pg_event_trigger' THEN 3466
             WHEN 'pg_enum' THEN 3501
             WHEN 'pg_range' THEN 3541
             WHEN 'pg_publication' THEN 6104
             WHEN 'pg_publication_rel' THEN 6106
             WHEN 'pg_publication_namespace' THEN 6237
             WHEN 'pg_roles' THEN 12000
             WHEN 'pg_user' THEN 12014
             WHEN 'pg_views' THEN 12028
             WHEN 'pg_tables' THEN 12033
             WHEN 'pg_matviews' THEN 12038
             WHEN 'pg_indexes' THEN 12043
             WHEN 'pg_sequences' THEN 12048
             WHEN 'pg_settings' THEN 12104
             WHEN 'pg_stat_user_tables' THEN 12161
             WHEN 'pg_stat_activity' THEN 12222
         END)::UINTEGER
         ELSE (hash(schema_name || '.' || rel_name) % 1000000000)::UINTEGER + 16384::UINTEGER END;

-- The databases whose objects the catalog shows: not DuckDB's system and temp catalogs.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_shown(database_name) AS database_name NOT IN ('system', 'temp');

-- PostgreSQL type OID of a DuckDB type name as duckdb_columns().data_type spells it. Text is text (25), not
-- varchar: DuckDB's VARCHAR has no length, like PostgreSQL's text. Must agree with PgCatalog.TypeOid.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_scalar_type_oid(t) AS
    CASE
        WHEN t = 'BOOLEAN' THEN 16
        WHEN t IN ('TINYINT', 'SMALLINT', 'UTINYINT') THEN 21
        WHEN t IN ('INTEGER', 'USMALLINT') THEN 23
        WHEN t = 'BIGINT' THEN 20
        WHEN t = 'UINTEGER' THEN 26
        WHEN t IN ('UBIGINT', 'HUGEINT', 'UHUGEINT', 'BIGNUM', 'VARINT') OR t LIKE 'DECIMAL%' THEN 1700
        WHEN t = 'FLOAT' THEN 700
        WHEN t = 'DOUBLE' THEN 701
        WHEN t = 'VARCHAR' OR t LIKE 'ENUM(%' THEN 25
        -- named text types (PgTextTypes): name, "char", varchar(n)
        WHEN t = 'name' THEN 19
        WHEN t = 'pg_char' THEN 18
        WHEN t LIKE 'varchar(%' THEN 1043
        WHEN t = 'BLOB' THEN 17
        WHEN t = 'DATE' THEN 1082
        WHEN t = 'TIME' OR t = 'TIME_NS' THEN 1083
        WHEN t = 'TIME WITH TIME ZONE' THEN 1266
        WHEN t IN ('TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS') THEN 1114
        WHEN t = 'TIMESTAMP WITH TIME ZONE' THEN 1184
        WHEN t = 'INTERVAL' THEN 1186
        WHEN t = 'UUID' THEN 2950
        WHEN t = 'JSON' OR t LIKE 'STRUCT(%' OR t LIKE 'MAP(%' OR t LIKE 'UNION(%' THEN 114
        WHEN t = 'BIT' THEN 1560
        ELSE 25
    END::UINTEGER;

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_array_oid(element_oid) AS
    CASE element_oid
            WHEN 16 THEN 1000
            WHEN 17 THEN 1001
            WHEN 20 THEN 1016
            WHEN 21 THEN 1005
            WHEN 23 THEN 1007
            WHEN 25 THEN 1009
            WHEN 26 THEN 1028
            WHEN 114 THEN 199
            WHEN 700 THEN 1021
            WHEN 701 THEN 1022
            WHEN 1082 THEN 1182
            WHEN 1083 THEN 1183
            WHEN 1114 THEN 1115
            WHEN 1184 THEN 1185
            WHEN 1186 THEN 1187
            WHEN 1266 THEN 1270
            WHEN 1560 THEN 1561
            WHEN 1700 THEN 1231
            WHEN 2950 THEN 2951
        ELSE 1009
    END::UINTEGER;

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_type_oid(t) AS
    CASE WHEN regexp_matches(t, '\[\d*\]$')
         THEN deepsql_catalog.deepsql_array_oid(
                  deepsql_catalog.deepsql_scalar_type_oid(regexp_replace(t, '(\[\d*\])+$', '')))
         ELSE deepsql_catalog.deepsql_scalar_type_oid(t) END;

-- The n of a varchar(n) (or varchar(n)[]) type name, else NULL.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_varchar_length(t) AS
    TRY_CAST(regexp_extract(t, '^varchar\((\d+)\)(\[\d*\])*$', 1) AS INTEGER);

-- atttypmod: numeric(p,s) → ((p << 16) | s) + 4 and varchar(n) → n + 4 as PostgreSQL stores them; -1 elsewhere.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_typmod(t, num_precision, num_scale) AS
    CASE WHEN t LIKE 'DECIMAL%' THEN (num_precision * 65536 + num_scale + 4)::INTEGER
         WHEN t LIKE 'varchar(%' THEN coalesce(deepsql_catalog.deepsql_varchar_length(t) + 4, -1)
         ELSE -1 END;

-- SQL spelling of a type as format_type prints it.
CREATE OR REPLACE TABLE deepsql_catalog.deepsql_type_name (dq_oid UINTEGER NOT NULL, dq_sqlname VARCHAR NOT NULL);
INSERT INTO deepsql_catalog.deepsql_type_name VALUES
    (16, 'boolean'), (18, '"char"'), (20, 'bigint'), (21, 'smallint'), (23, 'integer'), (700, 'real'),
    (701, 'double precision'), (1042, 'character'), (1043, 'character varying'), (1083, 'time without time zone'),
    (1114, 'timestamp without time zone'), (1184, 'timestamp with time zone'), (1266, 'time with time zone'),
    (1562, 'bit varying');

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_type AS
SELECT t.oid AS dq_oid, t.typname AS dq_typname, t.typnamespace AS dq_typnamespace, t.typelem AS dq_typelem,
       (t.typelem <> 0 AND t.typname LIKE '\_%' ESCAPE '\') AS dq_is_array,
       coalesce(n.dq_sqlname, t.typname) AS dq_sqlname,
       coalesce(en.dq_sqlname, e.typname) AS dq_elem_sqlname
FROM deepsql_catalog.pg_type t
LEFT JOIN deepsql_catalog.deepsql_type_name n ON n.dq_oid = t.oid
LEFT JOIN deepsql_catalog.pg_type e ON e.oid = t.typelem
LEFT JOIN deepsql_catalog.deepsql_type_name en ON en.dq_oid = e.oid;
