-- Part 8: functions that look things up in the catalog relations, and the reg* conversions PgCatalog.Rewrite
-- turns casts into: 'name'::regclass → deepsql_regclass_in('name') (an OID), oid::regclass →
-- deepsql_regclass_out(oid) (a name).
CREATE OR REPLACE MACRO deepsql_catalog.pg_table_is_visible(rel_oid) AS
    coalesce((SELECT relnamespace IN (11, 2200) FROM deepsql_catalog.pg_class WHERE oid = rel_oid), false);
CREATE OR REPLACE MACRO deepsql_catalog.pg_function_is_visible(proc_oid) AS
    coalesce((SELECT pronamespace IN (11, 2200) FROM deepsql_catalog.pg_proc WHERE oid = proc_oid), false);
CREATE OR REPLACE MACRO deepsql_catalog.pg_type_is_visible(type_oid) AS
    coalesce((SELECT typnamespace IN (11, 2200) FROM deepsql_catalog.pg_type WHERE oid = type_oid), false);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regclass_in(rel_name) AS
    CASE WHEN regexp_matches(rel_name, '^\d+$') THEN rel_name::UINTEGER
         ELSE coalesce(
             (SELECT min(c.oid) FROM deepsql_catalog.pg_class c JOIN deepsql_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE CASE WHEN contains(rel_name, '.')
                         THEN n.nspname = replace(split_part(rel_name, '.', 1), '"', '')
                              AND c.relname = replace(split_part(rel_name, '.', 2), '"', '')
                         ELSE c.relname = CASE WHEN starts_with(rel_name, '"') THEN replace(rel_name, '"', '')
                                               ELSE lower(rel_name) END
                              AND n.oid IN (11, 2200) END),
             error('relation "' || rel_name || '" does not exist')) END;
CREATE OR REPLACE MACRO deepsql_catalog.to_regclass(rel_name) AS
    (SELECT min(c.oid) FROM deepsql_catalog.pg_class c JOIN deepsql_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE CASE WHEN contains(rel_name, '.')
                THEN n.nspname = replace(split_part(rel_name, '.', 1), '"', '')
                     AND c.relname = replace(split_part(rel_name, '.', 2), '"', '')
                ELSE c.relname = replace(rel_name, '"', '') AND n.oid IN (11, 2200) END);
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regclass_out(rel_oid) AS
    coalesce((SELECT CASE WHEN c.relnamespace IN (11, 2200) THEN c.relname ELSE n.nspname || '.' || c.relname END
              FROM deepsql_catalog.pg_class c JOIN deepsql_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE c.oid = rel_oid), CASE WHEN rel_oid = 0 THEN '-' ELSE rel_oid::VARCHAR END);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regtype_in(type_name) AS
    coalesce(
        (SELECT min(t.oid) FROM deepsql_catalog.pg_type t LEFT JOIN deepsql_catalog.deepsql_type_name n ON n.oid = t.oid
         WHERE t.typname = lower(replace(type_name, '"', '')) OR n.sqlname = lower(type_name)),
        (SELECT oid FROM (VALUES ('int', 23), ('int4', 23), ('float', 701), ('decimal', 1700), ('bool', 16),
                                 ('varchar', 1043), ('timestamptz', 1184), ('double', 701)) v(name, oid)
         WHERE v.name = lower(type_name))::UINTEGER,
        error('type "' || type_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regtype_out(type_oid) AS
    CASE WHEN type_oid = 0 THEN '-' ELSE deepsql_catalog.format_type(type_oid, NULL) END;

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regproc_in(proc_name) AS
    coalesce((SELECT min(oid) FROM deepsql_catalog.pg_proc WHERE proname = lower(proc_name)),
             error('function "' || proc_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regproc_out(proc_oid) AS
    coalesce((SELECT min(proname) FROM deepsql_catalog.pg_proc WHERE oid = proc_oid),
             CASE WHEN proc_oid = 0 THEN '-' ELSE proc_oid::VARCHAR END);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regnamespace_in(nsp_name) AS
    coalesce((SELECT min(oid) FROM deepsql_catalog.pg_namespace WHERE nspname = replace(nsp_name, '"', '')),
             error('schema "' || nsp_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regnamespace_out(nsp_oid) AS
    coalesce((SELECT min(nspname) FROM deepsql_catalog.pg_namespace WHERE oid = nsp_oid), nsp_oid::VARCHAR);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regrole_in(role_name) AS
    coalesce((SELECT min(oid) FROM deepsql_catalog.pg_authid WHERE rolname = replace(role_name, '"', '')),
             error('role "' || role_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regrole_out(role_oid) AS deepsql_catalog.pg_get_userbyid(role_oid);

-- obj_description(oid [, catalog]), col_description(table oid, column number), shobj_description.
CREATE OR REPLACE MACRO deepsql_catalog.obj_description(object_oid) AS
        (SELECT min(description) FROM deepsql_catalog.pg_description WHERE objoid = object_oid AND objsubid = 0),
    (object_oid, catalog_name) AS
        (SELECT min(d.description) FROM deepsql_catalog.pg_description d
         JOIN deepsql_catalog.deepsql_known_oid k ON k.oid = d.classoid
         WHERE d.objoid = object_oid AND d.objsubid = 0 AND k.name = catalog_name);
CREATE OR REPLACE MACRO deepsql_catalog.col_description(table_oid, column_number) AS
    (SELECT min(description) FROM deepsql_catalog.pg_description
     WHERE objoid = table_oid AND classoid = 1259 AND objsubid = column_number);
CREATE OR REPLACE MACRO deepsql_catalog.shobj_description(object_oid, catalog_name) AS NULL::VARCHAR;

-- Expressions are stored as text already (DuckDB's own spelling of defaults and checks).
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_expr(expr, relation) AS expr, (expr, relation, pretty) AS expr;

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_constraintdef(constraint_oid) AS
        (SELECT min(regexp_replace(conbin, '^(PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\s*\(', '\1 ('))
         FROM deepsql_catalog.pg_constraint WHERE oid = constraint_oid),
    (constraint_oid, pretty) AS
        (SELECT min(regexp_replace(conbin, '^(PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\s*\(', '\1 ('))
         FROM deepsql_catalog.pg_constraint WHERE oid = constraint_oid);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_index_columns(index_oid) AS
    (SELECT string_agg(attname, ', ' ORDER BY attnum) FROM deepsql_catalog.pg_attribute WHERE attrelid = index_oid);
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_indexdef(index_oid) AS
        (SELECT 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || ic.relname || ' ON '
                || n.nspname || '.' || tc.relname || ' USING btree ('
                || deepsql_catalog.deepsql_index_columns(index_oid) || ')'
         FROM deepsql_catalog.pg_index i JOIN deepsql_catalog.pg_class ic ON ic.oid = i.indexrelid
         JOIN deepsql_catalog.pg_class tc ON tc.oid = i.indrelid
         JOIN deepsql_catalog.pg_namespace n ON n.oid = tc.relnamespace
         WHERE i.indexrelid = index_oid),
    (index_oid, column_number, pretty) AS
        CASE WHEN column_number = 0 THEN
            (SELECT 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || ic.relname || ' ON '
                    || n.nspname || '.' || tc.relname || ' USING btree ('
                    || deepsql_catalog.deepsql_index_columns(index_oid) || ')'
             FROM deepsql_catalog.pg_index i JOIN deepsql_catalog.pg_class ic ON ic.oid = i.indexrelid
             JOIN deepsql_catalog.pg_class tc ON tc.oid = i.indrelid
             JOIN deepsql_catalog.pg_namespace n ON n.oid = tc.relnamespace
             WHERE i.indexrelid = index_oid)
        ELSE (SELECT min(attname) FROM deepsql_catalog.pg_attribute WHERE attrelid = index_oid AND attnum = column_number)
        END;

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_viewdef(view_oid) AS
        (SELECT min(definition) FROM deepsql_catalog.deepsql_relation
         WHERE relkind = 'v' AND deepsql_catalog.deepsql_rel_oid(schema_name, relname) = view_oid),
    (view_oid, pretty) AS
        (SELECT min(definition) FROM deepsql_catalog.deepsql_relation
         WHERE relkind = 'v' AND deepsql_catalog.deepsql_rel_oid(schema_name, relname) = view_oid);

-- Functions: argument and result lists as \df prints them (model functions carry theirs precomputed).
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_arguments(proc_oid) AS
    coalesce((SELECT min(arguments) FROM deepsql_catalog.deepsql_model_function WHERE oid = proc_oid),
             (SELECT coalesce(string_agg(deepsql_catalog.format_type(a, NULL), ', '), '')
              FROM (SELECT unnest(proargtypes) AS a FROM deepsql_catalog.pg_proc WHERE oid = proc_oid)));
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_identity_arguments(proc_oid) AS
    deepsql_catalog.pg_get_function_arguments(proc_oid);
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_result(proc_oid) AS
    coalesce((SELECT min(result) FROM deepsql_catalog.deepsql_model_function WHERE oid = proc_oid),
             (SELECT min(deepsql_catalog.format_type(prorettype, NULL)) FROM deepsql_catalog.pg_proc WHERE oid = proc_oid));
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_functiondef(proc_oid) AS
    (SELECT min('-- ' || description || chr(10) || 'CREATE FUNCTION public.' || proname || '(' || arguments
                || ') RETURNS ' || result || ' LANGUAGE c AS ''deepsql'', ''' || model_name || '''')
     FROM deepsql_catalog.deepsql_model_function WHERE oid = proc_oid);

CREATE OR REPLACE MACRO deepsql_catalog.pg_relation_is_publishable(rel) AS false;
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_statisticsobjdef_columns(stat_oid) AS NULL::VARCHAR;
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_serial_sequence(table_name, column_name) AS NULL::VARCHAR;
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_triggerdef(trigger_oid) AS NULL::VARCHAR,
    (trigger_oid, pretty) AS NULL::VARCHAR;
CREATE OR REPLACE MACRO deepsql_catalog.pg_relation_size(rel) AS 0::BIGINT;
CREATE OR REPLACE MACRO deepsql_catalog.pg_table_size(rel) AS 0::BIGINT;
CREATE OR REPLACE MACRO deepsql_catalog.pg_total_relation_size(rel) AS 0::BIGINT;
CREATE OR REPLACE MACRO deepsql_catalog.pg_indexes_size(rel) AS 0::BIGINT;
CREATE OR REPLACE MACRO deepsql_catalog.pg_database_size(db) AS 0::BIGINT;
