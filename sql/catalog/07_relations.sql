-- Part 5: pg_namespace, pg_class, pg_attribute and the relations around them, as views over DuckDB's own
-- metadata functions so they always show the user's real tables. Column names, order and types are
-- PostgreSQL 15's (oid → UINTEGER, name → name, "char" → pg_char, text → VARCHAR, int2vector/oidvector → lists).

-- Views whose PostgreSQL columns are name or "char" are computed as VARCHAR in deepsql_untyped_<relation>, and
-- <relation> itself gives those columns the named text types (PgTextTypes) right after, so that clients see
-- type 19 and 18 where PostgreSQL's catalogs have them.
CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_namespace AS
SELECT deepsql_catalog.deepsql_nsp_oid(schema_name) AS oid,
       deepsql_catalog.deepsql_nspname(schema_name) AS nspname,
       -- PostgreSQL 15's public schema belongs to pg_database_owner (6171); the others to the session user
       (CASE WHEN schema_name = 'main' THEN 6171 ELSE 10 END)::UINTEGER AS nspowner, NULL::VARCHAR[] AS nspacl
FROM (SELECT DISTINCT schema_name FROM duckdb_schemas()
      WHERE deepsql_catalog.deepsql_shown(database_name) AND NOT internal
        AND schema_name NOT IN ('pg_catalog', 'information_schema')
      UNION SELECT 'deepsql_catalog' UNION SELECT 'deepsql_information_schema' UNION SELECT 'main');
CREATE OR REPLACE VIEW deepsql_catalog.pg_namespace AS
SELECT * REPLACE (nspname::name AS nspname, nspacl::aclitem[] AS nspacl)
FROM deepsql_catalog.deepsql_untyped_pg_namespace;

-- Every relation once: tables, views, indexes behind PRIMARY KEY/UNIQUE constraints, explicit indexes, sequences.
CREATE OR REPLACE VIEW deepsql_catalog.deepsql_relation AS
SELECT schema_name, table_name AS relname, 'r' AS relkind, table_name AS table_name, column_count AS relnatts,
       check_constraint_count AS relchecks, (index_count > 0 OR has_primary_key) AS relhasindex,
       estimated_size AS reltuples, comment, sql AS definition
FROM duckdb_tables() WHERE deepsql_catalog.deepsql_shown(database_name) AND NOT internal
UNION ALL
SELECT schema_name, view_name, 'v', view_name, column_count, 0, false, 0, comment, sql
FROM duckdb_views() WHERE deepsql_catalog.deepsql_shown(database_name) AND NOT internal
UNION ALL
SELECT schema_name, CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey' ELSE constraint_name END,
       'i', table_name, len(constraint_column_indexes), 0, false, 0, NULL, NULL
FROM duckdb_constraints()
WHERE deepsql_catalog.deepsql_shown(database_name) AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')
UNION ALL
SELECT schema_name, index_name, 'i', table_name, 1, 0, false, 0, comment, sql
FROM duckdb_indexes() WHERE deepsql_catalog.deepsql_shown(database_name)
UNION ALL
SELECT schema_name, sequence_name, 'S', sequence_name, 3, 0, false, 1, comment, sql
FROM duckdb_sequences() WHERE deepsql_catalog.deepsql_shown(database_name);

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_class AS
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, relname) AS oid,
       relname,
       deepsql_catalog.deepsql_nsp_oid(schema_name) AS relnamespace,
       0::UINTEGER AS reltype, 0::UINTEGER AS reloftype, 10::UINTEGER AS relowner,
       (CASE relkind WHEN 'r' THEN 2 WHEN 'i' THEN 403 ELSE 0 END)::UINTEGER AS relam,
       0::UINTEGER AS relfilenode, 0::UINTEGER AS reltablespace, 0::INTEGER AS relpages,
       reltuples::REAL AS reltuples, 0::INTEGER AS relallvisible, 0::UINTEGER AS reltoastrelid,
       relhasindex, false AS relisshared, 'p' AS relpersistence, relkind,
       relnatts::SMALLINT AS relnatts, relchecks::SMALLINT AS relchecks, false AS relhasrules,
       false AS relhastriggers, false AS relhassubclass, false AS relrowsecurity, false AS relforcerowsecurity,
       true AS relispopulated, (CASE WHEN relkind IN ('r', 'S') THEN 'd' ELSE 'n' END) AS relreplident,
       false AS relispartition, 0::UINTEGER AS relrewrite, 0::UINTEGER AS relfrozenxid, 0::UINTEGER AS relminmxid,
       NULL::VARCHAR[] AS relacl, NULL::VARCHAR[] AS reloptions, NULL::VARCHAR AS relpartbound
FROM deepsql_catalog.deepsql_relation;
CREATE OR REPLACE VIEW deepsql_catalog.pg_class AS
SELECT * REPLACE (relname::name AS relname, relpersistence::pg_char AS relpersistence, relkind::pg_char AS relkind,
                  relreplident::pg_char AS relreplident, relacl::aclitem[] AS relacl,
                  relpartbound::pg_node_tree AS relpartbound)
FROM deepsql_catalog.deepsql_untyped_pg_class;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_attribute AS
SELECT deepsql_catalog.deepsql_rel_oid(c.schema_name, c.table_name) AS attrelid,
       c.column_name AS attname,
       deepsql_catalog.deepsql_type_oid(c.data_type) AS atttypid,
       -1::INTEGER AS attstattarget, coalesce(t.typlen, -1)::SMALLINT AS attlen,
       c.column_index::SMALLINT AS attnum,
       (CASE WHEN t.typcategory = 'A' THEN 1 ELSE 0 END)::INTEGER AS attndims,
       -1::INTEGER AS attcacheoff,
       deepsql_catalog.deepsql_typmod(c.data_type, c.numeric_precision, c.numeric_scale) AS atttypmod,
       coalesce(t.typbyval, false) AS attbyval, coalesce(t.typalign, 'i') AS attalign,
       coalesce(t.typstorage, 'x') AS attstorage, '' AS attcompression,
       NOT c.is_nullable AS attnotnull, c.column_default IS NOT NULL AS atthasdef, false AS atthasmissing,
       '' AS attidentity, '' AS attgenerated, false AS attisdropped, true AS attislocal, 0::INTEGER AS attinhcount,
       coalesce(t.typcollation, 0)::UINTEGER AS attcollation,
       NULL::VARCHAR[] AS attacl, NULL::VARCHAR[] AS attoptions, NULL::VARCHAR[] AS attfdwoptions,
       NULL::VARCHAR AS attmissingval
FROM duckdb_columns() c
LEFT JOIN deepsql_catalog.pg_type t ON t.oid = deepsql_catalog.deepsql_type_oid(c.data_type)
WHERE deepsql_catalog.deepsql_shown(c.database_name) AND NOT c.internal
UNION ALL
-- index columns: one per key column, as PostgreSQL lists them
SELECT deepsql_catalog.deepsql_rel_oid(k.schema_name,
           CASE k.constraint_type WHEN 'PRIMARY KEY' THEN k.table_name || '_pkey' ELSE k.constraint_name END),
       k.constraint_column_names[i], 0::UINTEGER, -1::INTEGER, -1::SMALLINT, i::SMALLINT, 0, -1, -1, false, 'i',
       'p', '', false, false, false, '', '', false, true, 0, 0::UINTEGER, NULL, NULL, NULL, NULL
FROM duckdb_constraints() k, range(1, len(k.constraint_column_names) + 1) r(i)
WHERE deepsql_catalog.deepsql_shown(k.database_name) AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE');
CREATE OR REPLACE VIEW deepsql_catalog.pg_attribute AS
SELECT * REPLACE (attname::name AS attname, attalign::pg_char AS attalign, attstorage::pg_char AS attstorage,
                  attcompression::pg_char AS attcompression, attidentity::pg_char AS attidentity,
                  attgenerated::pg_char AS attgenerated, attacl::aclitem[] AS attacl)
FROM deepsql_catalog.deepsql_untyped_pg_attribute;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_attrdef AS
SELECT (hash(schema_name || '.' || table_name || '.' || column_name || '#default') % 1000000000)::UINTEGER
           + 16384::UINTEGER AS oid,
       deepsql_catalog.deepsql_rel_oid(schema_name, table_name) AS adrelid,
       column_index::SMALLINT AS adnum,
       deepsql_catalog.deepsql_default_text(column_default, data_type) AS adbin
FROM duckdb_columns()
WHERE deepsql_catalog.deepsql_shown(database_name) AND NOT internal AND column_default IS NOT NULL;
CREATE OR REPLACE VIEW deepsql_catalog.pg_attrdef AS
SELECT * REPLACE (adbin::pg_node_tree AS adbin)
FROM deepsql_catalog.deepsql_untyped_pg_attrdef;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_constraint AS
SELECT (hash(schema_name || '.' || table_name || '#' || constraint_name) % 1000000000)::UINTEGER
           + 16384::UINTEGER AS oid,
       -- PostgreSQL's default names (DuckDB names a foreign key table_cols_refcols_fkey, a key table_cols_pkey)
       CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey'
           WHEN 'FOREIGN KEY' THEN table_name || '_' || array_to_string(constraint_column_names, '_') || '_fkey'
           ELSE constraint_name END AS conname,
       deepsql_catalog.deepsql_nsp_oid(schema_name) AS connamespace,
       CASE constraint_type WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' THEN 'u' WHEN 'FOREIGN KEY' THEN 'f'
           ELSE 'c' END AS contype,
       false AS condeferrable, false AS condeferred, true AS convalidated,
       deepsql_catalog.deepsql_rel_oid(schema_name, table_name) AS conrelid, 0::UINTEGER AS contypid,
       CASE WHEN constraint_type IN ('PRIMARY KEY', 'UNIQUE')
            THEN deepsql_catalog.deepsql_rel_oid(schema_name,
                     CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey' ELSE constraint_name END)
            -- a foreign key's: the referenced table's key index (pgjdbc's getImportedKeys joins it for PK_NAME)
            WHEN constraint_type = 'FOREIGN KEY'
            THEN coalesce((SELECT min(deepsql_catalog.deepsql_rel_oid(u.schema_name,
                                 CASE u.constraint_type WHEN 'PRIMARY KEY' THEN u.table_name || '_pkey' ELSE u.constraint_name END))
                           FROM duckdb_constraints() u
                           WHERE u.database_name = k.database_name AND u.schema_name = k.schema_name
                             AND u.table_name = k.referenced_table AND u.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
                             AND list_sort(u.constraint_column_names) = list_sort(k.referenced_column_names)), 0::UINTEGER)
            ELSE 0::UINTEGER END AS conindid,
       0::UINTEGER AS conparentid,
       CASE WHEN constraint_type = 'FOREIGN KEY'
            THEN deepsql_catalog.deepsql_rel_oid(schema_name, referenced_table) ELSE 0::UINTEGER END AS confrelid,
       CASE WHEN constraint_type = 'FOREIGN KEY' THEN 'a' ELSE ' ' END AS confupdtype,
       CASE WHEN constraint_type = 'FOREIGN KEY' THEN 'a' ELSE ' ' END AS confdeltype,
       CASE WHEN constraint_type = 'FOREIGN KEY' THEN 's' ELSE ' ' END AS confmatchtype,
       true AS conislocal, 0::INTEGER AS coninhcount, false AS connoinherit,
       list_transform(constraint_column_indexes, x -> (x + 1)::SMALLINT) AS conkey,
       CASE WHEN constraint_type = 'FOREIGN KEY'
            THEN (SELECT list(col.column_index::SMALLINT ORDER BY col.column_index) FROM duckdb_columns() col
                  WHERE col.schema_name = k.schema_name AND col.table_name = k.referenced_table
                    AND list_contains(k.referenced_column_names, col.column_name)) END AS confkey,
       NULL::UINTEGER[] AS conpfeqop, NULL::UINTEGER[] AS conppeqop, NULL::UINTEGER[] AS conffeqop,
       NULL::SMALLINT[] AS confdelsetcols, NULL::UINTEGER[] AS conexclop,
       constraint_text AS conbin
FROM duckdb_constraints() k
WHERE deepsql_catalog.deepsql_shown(database_name) AND constraint_type <> 'NOT NULL';
CREATE OR REPLACE VIEW deepsql_catalog.pg_constraint AS
SELECT * REPLACE (conname::name AS conname, contype::pg_char AS contype, confupdtype::pg_char AS confupdtype,
                  confdeltype::pg_char AS confdeltype, confmatchtype::pg_char AS confmatchtype,
                  conbin::pg_node_tree AS conbin)
FROM deepsql_catalog.deepsql_untyped_pg_constraint;

-- CREATE INDEX's key: DuckDB lists the expressions as text ("[code, '"day"']"); a plain column becomes its attnum,
-- anything else 0 (an expression, as in PostgreSQL's indkey), so clients reflect column indexes as PostgreSQL's.
CREATE OR REPLACE VIEW deepsql_catalog.deepsql_index_key AS
SELECT e.schema_name, e.table_name, e.index_name, any_value(e.is_unique) AS is_unique,
       any_value(e.is_primary) AS is_primary, any_value(e.expressions) AS expressions,
       list(coalesce(col.column_index, 0)::SMALLINT ORDER BY e.pos) AS indkey
FROM (SELECT i.*, unnest(string_split(i.expressions[2:-2], ', ')) AS expr,
             generate_subscripts(string_split(i.expressions[2:-2], ', '), 1) AS pos
      FROM duckdb_indexes() i WHERE deepsql_catalog.deepsql_shown(i.database_name)) e
LEFT JOIN duckdb_columns() col
    ON col.database_name = e.database_name AND col.schema_name = e.schema_name AND col.table_name = e.table_name
   AND e.expr IN (col.column_name, '''"' || replace(col.column_name, '"', '""') || '"''')
GROUP BY e.database_name, e.schema_name, e.table_name, e.index_name;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_index AS
SELECT deepsql_catalog.deepsql_rel_oid(schema_name,
           CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey' ELSE constraint_name END) AS indexrelid,
       deepsql_catalog.deepsql_rel_oid(schema_name, table_name) AS indrelid,
       len(constraint_column_indexes)::SMALLINT AS indnatts, len(constraint_column_indexes)::SMALLINT AS indnkeyatts,
       true AS indisunique, false AS indnullsnotdistinct, constraint_type = 'PRIMARY KEY' AS indisprimary,
       false AS indisexclusion, true AS indimmediate, false AS indisclustered, true AS indisvalid,
       false AS indcheckxmin, true AS indisready, true AS indislive, false AS indisreplident,
       list_transform(constraint_column_indexes, x -> (x + 1)::SMALLINT) AS indkey,
       list_transform(constraint_column_indexes, x -> 0::UINTEGER) AS indcollation,
       list_transform(constraint_column_indexes, x -> 0::UINTEGER) AS indclass,
       list_transform(constraint_column_indexes, x -> 0::SMALLINT) AS indoption,
       NULL::VARCHAR AS indexprs, NULL::VARCHAR AS indpred
FROM duckdb_constraints()
WHERE deepsql_catalog.deepsql_shown(database_name) AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')
UNION ALL
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, index_name), deepsql_catalog.deepsql_rel_oid(schema_name, table_name),
       len(indkey), len(indkey), is_unique, false, is_primary, false, true, false, true, false, true, true, false,
       indkey, list_transform(indkey, x -> 0::UINTEGER), list_transform(indkey, x -> 0::UINTEGER),
       list_transform(indkey, x -> 0::SMALLINT), CASE WHEN list_contains(indkey, 0) THEN expressions END, NULL
FROM deepsql_catalog.deepsql_index_key;
CREATE OR REPLACE VIEW deepsql_catalog.pg_index AS
SELECT * REPLACE (indnatts::SMALLINT AS indnatts, indnkeyatts::SMALLINT AS indnkeyatts,
                  indexprs::pg_node_tree AS indexprs, indpred::pg_node_tree AS indpred)
FROM deepsql_catalog.deepsql_untyped_pg_index;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_proc AS
SELECT oid, proname, 11::UINTEGER AS pronamespace, 10::UINTEGER AS proowner, 12::UINTEGER AS prolang,
       1::REAL AS procost, 0::REAL AS prorows, 0::UINTEGER AS provariadic, 0::UINTEGER AS prosupport,
       'f' AS prokind, false AS prosecdef, false AS proleakproof, true AS proisstrict, false AS proretset,
       'i' AS provolatile, 's' AS proparallel, pronargs, 0::SMALLINT AS pronargdefaults, prorettype,
       CASE WHEN proargtypes = '' THEN []::UINTEGER[]
            ELSE list_transform(string_split(proargtypes, ' '), x -> x::UINTEGER) END AS proargtypes,
       NULL::UINTEGER[] AS proallargtypes, NULL::VARCHAR[] AS proargmodes, NULL::VARCHAR[] AS proargnames,
       NULL::VARCHAR AS proargdefaults, NULL::UINTEGER[] AS protrftypes, proname AS prosrc, NULL::VARCHAR AS probin,
       NULL::VARCHAR AS prosqlbody, NULL::VARCHAR[] AS proconfig, NULL::VARCHAR[] AS proacl
FROM deepsql_catalog.deepsql_builtin_proc
UNION ALL
-- model functions: C-language, volatile (a model version can change), strict (NULL in, NULL out)
SELECT oid, proname, 2200::UINTEGER, 10::UINTEGER, 13::UINTEGER, 100::REAL, 0::REAL, 0::UINTEGER, 0::UINTEGER,
       'f', false, false, true, false, 'v', 's', len(proargtypes)::SMALLINT, 0::SMALLINT, prorettype, proargtypes,
       NULL, NULL, proargnames, NULL, NULL, proname, NULL, NULL, NULL, NULL
FROM deepsql_catalog.deepsql_model_function;
CREATE OR REPLACE VIEW deepsql_catalog.pg_proc AS
SELECT * REPLACE (proname::name AS proname, prokind::pg_char AS prokind, provolatile::pg_char AS provolatile,
                  proparallel::pg_char AS proparallel, oid::UINTEGER AS oid, prorettype::UINTEGER AS prorettype,
                  proargmodes::pg_char[] AS proargmodes, proargdefaults::pg_node_tree AS proargdefaults,
                  prosqlbody::pg_node_tree AS prosqlbody, proacl::aclitem[] AS proacl)
FROM deepsql_catalog.deepsql_untyped_pg_proc;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_description AS
SELECT oid AS objoid, 1255::UINTEGER AS classoid, 0::INTEGER AS objsubid, description
FROM deepsql_catalog.deepsql_model_function
UNION ALL
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, relname), 1259::UINTEGER, 0, comment
FROM deepsql_catalog.deepsql_relation WHERE comment IS NOT NULL
UNION ALL
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, table_name), 1259::UINTEGER, column_index::INTEGER, comment
FROM duckdb_columns()
WHERE deepsql_catalog.deepsql_shown(database_name) AND NOT internal AND comment IS NOT NULL
UNION ALL
SELECT 13564::UINTEGER, 3079::UINTEGER, 0, 'PL/pgSQL procedural language';
CREATE OR REPLACE VIEW deepsql_catalog.pg_description AS
SELECT * REPLACE (objoid::UINTEGER AS objoid)
FROM deepsql_catalog.deepsql_untyped_pg_description;

CREATE OR REPLACE VIEW deepsql_catalog.pg_range AS
SELECT rngtypid::UINTEGER AS rngtypid, rngsubtype::UINTEGER AS rngsubtype, rngmultitypid::UINTEGER AS rngmultitypid,
       rngcollation::UINTEGER AS rngcollation, rngsubopc::UINTEGER AS rngsubopc,
       rngcanonical::UINTEGER AS rngcanonical, rngsubdiff::UINTEGER AS rngsubdiff
FROM (VALUES (3904, 23, 4451, 0, 1978, 3914, 3922), (3906, 1700, 4532, 0, 3125, 0, 3924),
             (3908, 1114, 4533, 0, 3128, 0, 3929), (3910, 1184, 4534, 0, 3127, 0, 3930),
             (3912, 1082, 4535, 0, 3122, 3915, 3925), (3926, 20, 4536, 0, 3124, 3928, 3923))
     AS v(rngtypid, rngsubtype, rngmultitypid, rngcollation, rngsubopc, rngcanonical, rngsubdiff);

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_database AS
SELECT 16383::UINTEGER AS oid, current_database() AS datname, 10::UINTEGER AS datdba, 6::INTEGER AS encoding,
       'c' AS datlocprovider, false AS datistemplate, true AS datallowconn, -1::INTEGER AS datconnlimit,
       0::UINTEGER AS datfrozenxid, 1::UINTEGER AS datminmxid, 1663::UINTEGER AS dattablespace,
       'C.UTF-8' AS datcollate, 'C.UTF-8' AS datctype, NULL::VARCHAR AS daticulocale, NULL::VARCHAR AS datcollversion,
       NULL::VARCHAR[] AS datacl;
CREATE OR REPLACE VIEW deepsql_catalog.pg_database AS
SELECT * REPLACE (datname::name AS datname, datlocprovider::pg_char AS datlocprovider, datacl::aclitem[] AS datacl)
FROM deepsql_catalog.deepsql_untyped_pg_database;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_authid AS
-- Every DeepSQL user may do everything (no grants), as a PostgreSQL superuser may.
SELECT 10::UINTEGER AS oid, current_user() AS rolname, true AS rolsuper, true AS rolinherit, true AS rolcreaterole,
       true AS rolcreatedb, true AS rolcanlogin, true AS rolreplication, true AS rolbypassrls,
       -1::INTEGER AS rolconnlimit, NULL::VARCHAR AS rolpassword, NULL::TIMESTAMPTZ AS rolvaliduntil;
CREATE OR REPLACE VIEW deepsql_catalog.pg_authid AS
SELECT * REPLACE (rolname::name AS rolname)
FROM deepsql_catalog.deepsql_untyped_pg_authid;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_roles AS
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit,
       '********' AS rolpassword, rolvaliduntil, rolbypassrls, NULL::VARCHAR[] AS rolconfig, oid
FROM deepsql_catalog.pg_authid;
CREATE OR REPLACE VIEW deepsql_catalog.pg_roles AS
SELECT * REPLACE (rolname::name AS rolname)
FROM deepsql_catalog.deepsql_untyped_pg_roles;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_user AS
SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
       rolreplication AS userepl, rolbypassrls AS usebypassrls, '********' AS passwd, rolvaliduntil AS valuntil,
       NULL::VARCHAR[] AS useconfig
FROM deepsql_catalog.pg_authid;
CREATE OR REPLACE VIEW deepsql_catalog.pg_user AS
SELECT * REPLACE (usename::name AS usename)
FROM deepsql_catalog.deepsql_untyped_pg_user;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_am AS
SELECT oid::UINTEGER AS oid, amname, amhandler::UINTEGER AS amhandler, amtype
FROM (VALUES (2, 'heap', 3, 't'), (403, 'btree', 330, 'i'), (405, 'hash', 331, 'i'))
     AS v(oid, amname, amhandler, amtype);
CREATE OR REPLACE VIEW deepsql_catalog.pg_am AS
SELECT * REPLACE (amname::name AS amname, amtype::pg_char AS amtype)
FROM deepsql_catalog.deepsql_untyped_pg_am;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_extension AS
SELECT 13564::UINTEGER AS oid, 'plpgsql' AS extname, 10::UINTEGER AS extowner, 11::UINTEGER AS extnamespace,
       false AS extrelocatable, '1.0' AS extversion, NULL::UINTEGER[] AS extconfig, NULL::VARCHAR[] AS extcondition;
CREATE OR REPLACE VIEW deepsql_catalog.pg_extension AS
SELECT * REPLACE (extname::name AS extname)
FROM deepsql_catalog.deepsql_untyped_pg_extension;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_collation AS
SELECT oid::UINTEGER AS oid, collname, 11::UINTEGER AS collnamespace, 10::UINTEGER AS collowner,
       collprovider, true AS collisdeterministic, -1::INTEGER AS collencoding, collcollate, collctype,
       NULL::VARCHAR AS colliculocale, NULL::VARCHAR AS collversion
FROM (VALUES (100, 'default', 'd', NULL, NULL), (950, 'C', 'c', 'C', 'C'), (951, 'POSIX', 'c', 'POSIX', 'POSIX'))
     AS v(oid, collname, collprovider, collcollate, collctype);
CREATE OR REPLACE VIEW deepsql_catalog.pg_collation AS
SELECT * REPLACE (collname::name AS collname, collprovider::pg_char AS collprovider)
FROM deepsql_catalog.deepsql_untyped_pg_collation;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_tablespace AS
SELECT oid::UINTEGER AS oid, spcname, 10::UINTEGER AS spcowner, NULL::VARCHAR[] AS spcacl,
       NULL::VARCHAR[] AS spcoptions
FROM (VALUES (1663, 'pg_default'), (1664, 'pg_global')) AS v(oid, spcname);
CREATE OR REPLACE VIEW deepsql_catalog.pg_tablespace AS
SELECT * REPLACE (spcname::name AS spcname, spcacl::aclitem[] AS spcacl)
FROM deepsql_catalog.deepsql_untyped_pg_tablespace;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_language AS
SELECT oid::UINTEGER AS oid, lanname, 10::UINTEGER AS lanowner, lanispl, lanpltrusted,
       0::UINTEGER AS lanplcallfoid, 0::UINTEGER AS laninline, 0::UINTEGER AS lanvalidator, NULL::VARCHAR[] AS lanacl
FROM (VALUES (12, 'internal', false, false), (13, 'c', false, false), (14, 'sql', false, true))
     AS v(oid, lanname, lanispl, lanpltrusted);
CREATE OR REPLACE VIEW deepsql_catalog.pg_language AS
SELECT * REPLACE (lanname::name AS lanname, lanacl::aclitem[] AS lanacl)
FROM deepsql_catalog.deepsql_untyped_pg_language;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_tables AS
SELECT deepsql_catalog.deepsql_nspname(schema_name) AS schemaname, relname AS tablename,
       current_user() AS tableowner, NULL::VARCHAR AS tablespace, relhasindex AS hasindexes, false AS hasrules,
       false AS hastriggers, false AS rowsecurity
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'r';
CREATE OR REPLACE VIEW deepsql_catalog.pg_tables AS
SELECT * REPLACE (schemaname::name AS schemaname, tablename::name AS tablename, tableowner::name AS tableowner,
                  tablespace::name AS tablespace)
FROM deepsql_catalog.deepsql_untyped_pg_tables;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_views AS
SELECT deepsql_catalog.deepsql_nspname(schema_name) AS schemaname, relname AS viewname,
       current_user() AS viewowner, coalesce(definition, '') AS definition
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'v';
CREATE OR REPLACE VIEW deepsql_catalog.pg_views AS
SELECT * REPLACE (schemaname::name AS schemaname, viewname::name AS viewname, viewowner::name AS viewowner)
FROM deepsql_catalog.deepsql_untyped_pg_views;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_indexes AS
SELECT deepsql_catalog.deepsql_nspname(schema_name) AS schemaname, table_name AS tablename, relname AS indexname,
       NULL::VARCHAR AS tablespace, coalesce(definition, '') AS indexdef
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'i';
CREATE OR REPLACE VIEW deepsql_catalog.pg_indexes AS
SELECT * REPLACE (schemaname::name AS schemaname, tablename::name AS tablename, indexname::name AS indexname,
                  tablespace::name AS tablespace)
FROM deepsql_catalog.deepsql_untyped_pg_indexes;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_sequences AS
SELECT deepsql_catalog.deepsql_nspname(schema_name) AS schemaname, sequence_name AS sequencename,
       current_user() AS sequenceowner, 20::UINTEGER AS data_type, start_value, min_value, max_value,
       increment_by, cycle, 1::BIGINT AS cache_size, last_value
FROM duckdb_sequences() WHERE deepsql_catalog.deepsql_shown(database_name);
CREATE OR REPLACE VIEW deepsql_catalog.pg_sequences AS
SELECT * REPLACE (schemaname::name AS schemaname, sequencename::name AS sequencename,
                  sequenceowner::name AS sequenceowner)
FROM deepsql_catalog.deepsql_untyped_pg_sequences;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_stat_user_tables AS
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, relname) AS relid,
       deepsql_catalog.deepsql_nspname(schema_name) AS schemaname, relname,
       0::BIGINT AS seq_scan, 0::BIGINT AS seq_tup_read, 0::BIGINT AS idx_scan, 0::BIGINT AS idx_tup_fetch,
       0::BIGINT AS n_tup_ins, 0::BIGINT AS n_tup_upd, 0::BIGINT AS n_tup_del, 0::BIGINT AS n_tup_hot_upd,
       reltuples::BIGINT AS n_live_tup, 0::BIGINT AS n_dead_tup, 0::BIGINT AS n_mod_since_analyze,
       0::BIGINT AS n_ins_since_vacuum, NULL::TIMESTAMPTZ AS last_vacuum, NULL::TIMESTAMPTZ AS last_autovacuum,
       NULL::TIMESTAMPTZ AS last_analyze, NULL::TIMESTAMPTZ AS last_autoanalyze, 0::BIGINT AS vacuum_count,
       0::BIGINT AS autovacuum_count, 0::BIGINT AS analyze_count, 0::BIGINT AS autoanalyze_count
FROM deepsql_catalog.deepsql_relation
WHERE relkind = 'r' AND schema_name NOT IN ('deepsql_catalog', 'deepsql_information_schema');
CREATE OR REPLACE VIEW deepsql_catalog.pg_stat_user_tables AS
SELECT * REPLACE (schemaname::name AS schemaname, relname::name AS relname)
FROM deepsql_catalog.deepsql_untyped_pg_stat_user_tables;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_untyped_pg_stat_activity AS
SELECT 16383::UINTEGER AS datid, current_database() AS datname, pg_backend_pid() AS pid, NULL::INTEGER AS leader_pid,
       10::UINTEGER AS usesysid, current_user() AS usename, current_setting('application_name') AS application_name,
       NULL::VARCHAR AS client_addr, NULL::VARCHAR AS client_hostname, -1::INTEGER AS client_port,
       NULL::TIMESTAMPTZ AS backend_start, NULL::TIMESTAMPTZ AS xact_start, NULL::TIMESTAMPTZ AS query_start,
       NULL::TIMESTAMPTZ AS state_change, NULL::VARCHAR AS wait_event_type, NULL::VARCHAR AS wait_event,
       'active' AS state, NULL::UINTEGER AS backend_xid, NULL::UINTEGER AS backend_xmin, NULL::BIGINT AS query_id,
       '' AS query, 'client backend' AS backend_type;
CREATE OR REPLACE VIEW deepsql_catalog.pg_stat_activity AS
SELECT * REPLACE (datname::name AS datname, usename::name AS usename)
FROM deepsql_catalog.deepsql_untyped_pg_stat_activity;
