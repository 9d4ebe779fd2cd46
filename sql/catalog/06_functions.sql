-- Part 6: PostgreSQL's session and information functions, as macros in deepsql_catalog. The session search_path
-- ends with deepsql_catalog, so unqualified calls (and pg_catalog.-qualified ones, after Rewrite drops the
-- qualifier) reach these instead of DuckDB's own, which answer differently (version(), format_type(), …).
-- Results are typed as PostgreSQL's are (name where PostgreSQL returns name).
CREATE OR REPLACE MACRO deepsql_catalog.version() AS
    'PostgreSQL 15.0 (DeepSQL) on x86_64-pc-linux-gnu, compiled by DeepSQL on DuckDB, 64-bit';
CREATE OR REPLACE MACRO deepsql_catalog.current_database() AS 'deepsql'::name;
CREATE OR REPLACE MACRO deepsql_catalog.current_catalog() AS 'deepsql'::name;
CREATE OR REPLACE MACRO deepsql_catalog.current_user() AS deepsql_session_user()::name;
CREATE OR REPLACE MACRO deepsql_catalog.session_user() AS deepsql_session_user()::name;
CREATE OR REPLACE MACRO deepsql_catalog.current_role() AS deepsql_session_user()::name;
CREATE OR REPLACE MACRO deepsql_catalog.user() AS deepsql_session_user()::name;
CREATE OR REPLACE MACRO deepsql_catalog.current_schema() AS 'public'::name;
CREATE OR REPLACE MACRO deepsql_catalog.current_schemas(include_implicit) AS
    CASE WHEN include_implicit THEN ['pg_catalog', 'public'] ELSE ['public'] END::name[];
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_userbyid(role_oid) AS
    (CASE WHEN role_oid = 10 THEN deepsql_session_user() WHEN role_oid = 6171 THEN 'pg_database_owner'
          ELSE 'unknown (OID=' || role_oid || ')' END)::name;
CREATE OR REPLACE MACRO deepsql_catalog.pg_encoding_to_char(encoding) AS
    (CASE encoding WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' ELSE '' END)::name;
CREATE OR REPLACE MACRO deepsql_catalog.pg_char_to_encoding(name) AS
    CASE upper(name) WHEN 'UTF8' THEN 6 WHEN 'SQL_ASCII' THEN 0 ELSE -1 END;
CREATE OR REPLACE MACRO deepsql_catalog.pg_is_in_recovery() AS false;
CREATE OR REPLACE MACRO deepsql_catalog.txid_current() AS 1::BIGINT;
CREATE OR REPLACE MACRO deepsql_catalog.pg_postmaster_start_time() AS get_current_timestamp();
CREATE OR REPLACE MACRO deepsql_catalog.inet_server_addr() AS NULL::VARCHAR;
CREATE OR REPLACE MACRO deepsql_catalog.inet_server_port() AS NULL::INTEGER;
CREATE OR REPLACE MACRO deepsql_catalog.pg_tablespace_location(tablespace_oid) AS '';

-- Privileges: DeepSQL has no grants; every object is usable by every user (PostgreSQL overloads: 2 or 3 args).
CREATE OR REPLACE MACRO deepsql_catalog.has_table_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_schema_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_database_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_function_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_sequence_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_type_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_any_column_privilege(a, b) AS true, (a, b, c) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.has_column_privilege(a, b, c) AS true, (a, b, c, d) AS true;
CREATE OR REPLACE MACRO deepsql_catalog.pg_has_role(a, b) AS true, (a, b, c) AS true;

-- format_type(type_oid, typmod): PostgreSQL's SQL spelling (integer, character varying(10), numeric(10,2), real[]).
CREATE OR REPLACE MACRO deepsql_catalog.format_type(type_oid, typmod) AS
    (CASE
        WHEN type_oid IS NULL THEN NULL
        WHEN type_oid = 1700 AND coalesce(typmod, -1) >= 4
            THEN 'numeric(' || ((typmod - 4) // 65536) || ',' || ((typmod - 4) % 65536) || ')'
        WHEN type_oid IN (1042, 1043) AND coalesce(typmod, -1) >= 4
            THEN (CASE type_oid WHEN 1042 THEN 'character' ELSE 'character varying' END) || '(' || (typmod - 4) || ')'
        ELSE coalesce(
            (SELECT CASE WHEN dq_h.dq_is_array THEN dq_h.dq_elem_sqlname || '[]' ELSE dq_h.dq_sqlname END
             FROM deepsql_catalog.deepsql_h_type dq_h WHERE dq_h.dq_oid = type_oid),
            '???')
    END)::VARCHAR;

-- A column default as PostgreSQL deparses it: true/false (DuckDB keeps DEFAULT true as CAST('t' AS BOOLEAN)); a
-- string literal, bare or in DuckDB's CAST('…' AS "DATE"), with the column's type as a cast ('none'::text,
-- '2024-01-02'::date); anything else as DuckDB spells it.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_default_text(column_default, data_type) AS
    CASE WHEN column_default = 'CAST(''t'' AS BOOLEAN)' THEN 'true'
         WHEN column_default = 'CAST(''f'' AS BOOLEAN)' THEN 'false'
         WHEN regexp_matches(column_default, '^(''([^'']|'''')*''|CAST\(''([^'']|'''')*'' AS [^()]+\))$')
         THEN regexp_extract(column_default, '''([^'']|'''')*''') || '::'
              || deepsql_catalog.format_type(deepsql_catalog.deepsql_type_oid(data_type), NULL)
         ELSE column_default END;

CREATE OR REPLACE MACRO deepsql_catalog.quote_ident(ident) AS
    CASE WHEN regexp_matches(ident, '^[a-z_][a-z0-9_$]*$')
              AND ident NOT IN (SELECT dq_k.keyword_name FROM duckdb_keywords() dq_k WHERE dq_k.keyword_category = 'reserved')
         THEN ident ELSE '"' || replace(ident, '"', '""') || '"' END;

-- One-dimensional arrays only (DuckDB lists): bounds are 1..len, NULL for an empty or NULL array.
CREATE OR REPLACE MACRO deepsql_catalog.array_upper(arr, dimension) AS
    CASE WHEN dimension = 1 AND len(arr) > 0 THEN len(arr)::INTEGER END;
CREATE OR REPLACE MACRO deepsql_catalog.array_lower(arr, dimension) AS
    CASE WHEN dimension = 1 AND len(arr) > 0 THEN 1 END;
CREATE OR REPLACE MACRO deepsql_catalog.array_ndims(arr) AS CASE WHEN len(arr) > 0 THEN 1 END;

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_keywords() AS TABLE
    SELECT keyword_name AS word,
           CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'unreserved' THEN 'U'
               WHEN 'type_function' THEN 'T' ELSE 'C' END AS catcode,
           keyword_category <> 'reserved' AS barelabel,
           CASE keyword_category WHEN 'reserved' THEN 'reserved' WHEN 'unreserved' THEN 'unreserved'
               WHEN 'type_function' THEN 'reserved (can be function or type name)'
               ELSE 'unreserved (cannot be function or type name)' END AS catdesc,
           CASE WHEN keyword_category <> 'reserved' THEN 'can be bare label' ELSE 'requires AS' END AS baredesc
    FROM duckdb_keywords();

-- json_build_object(k1, v1, …): DuckDB's json_object takes the same key/value pairs (SQLAlchemy's column reflection
-- builds identity options from seven pairs). A macro has no variadic form: one overload per pair count, up to 10.
CREATE OR REPLACE MACRO deepsql_catalog.json_build_object
    (k1, v1)
        AS json_object(k1::VARCHAR, v1),
    (k1, v1, k2, v2)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2),
    (k1, v1, k2, v2, k3, v3)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3),
    (k1, v1, k2, v2, k3, v3, k4, v4)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5, k6::VARCHAR, v6),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5, k6::VARCHAR, v6, k7::VARCHAR, v7),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5, k6::VARCHAR, v6, k7::VARCHAR, v7, k8::VARCHAR, v8),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5, k6::VARCHAR, v6, k7::VARCHAR, v7, k8::VARCHAR, v8, k9::VARCHAR, v9),
    (k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9, k10, v10)
        AS json_object(k1::VARCHAR, v1, k2::VARCHAR, v2, k3::VARCHAR, v3, k4::VARCHAR, v4, k5::VARCHAR, v5, k6::VARCHAR, v6, k7::VARCHAR, v7, k8::VARCHAR, v8, k9::VARCHAR, v9, k10::VARCHAR, v10);
