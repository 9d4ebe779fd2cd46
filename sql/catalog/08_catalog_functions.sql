-- Part 8: functions that look things up in the catalog relations, and the reg* conversions PgCatalog.Rewrite
-- turns casts into: 'name'::regclass → deepsql_regclass_in('name') (an OID), oid::regclass →
-- deepsql_regclass_out(oid) (a name). Subqueries read deepsql_h_* views only (see the hygiene note in 04).

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_class AS
SELECT c.oid AS dq_oid, c.relname AS dq_relname, c.relnamespace AS dq_relnamespace, n.nspname AS dq_nspname,
       c.relkind AS dq_relkind
FROM deepsql_catalog.pg_class c JOIN deepsql_catalog.pg_namespace n ON n.oid = c.relnamespace;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_proc AS
SELECT p.oid AS dq_oid, p.proname AS dq_proname, p.pronamespace AS dq_pronamespace, p.prorettype AS dq_prorettype,
       p.proargtypes AS dq_proargtypes, m.arguments AS dq_arguments, m.result AS dq_result,
       m.description AS dq_description, m.model_name AS dq_model_name
FROM deepsql_catalog.pg_proc p LEFT JOIN deepsql_catalog.deepsql_model_function m ON m.oid = p.oid;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_namespace AS
SELECT oid AS dq_oid, nspname AS dq_nspname FROM deepsql_catalog.pg_namespace;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_role AS
SELECT oid AS dq_oid, rolname AS dq_rolname FROM deepsql_catalog.pg_authid;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_description AS
SELECT d.objoid AS dq_objoid, d.classoid AS dq_classoid, d.objsubid AS dq_objsubid, d.description AS dq_description,
       k.dq_name AS dq_classname
FROM deepsql_catalog.pg_description d LEFT JOIN deepsql_catalog.deepsql_known_oid k ON k.dq_oid = d.classoid;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_constraint AS
SELECT oid AS dq_oid, regexp_replace(conbin, '^(PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\s*\(', '\1 (') AS dq_def
FROM deepsql_catalog.pg_constraint;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_attribute AS
SELECT attrelid AS dq_attrelid, attnum AS dq_attnum, attname AS dq_attname FROM deepsql_catalog.pg_attribute;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_index AS
SELECT i.indexrelid AS dq_oid,
       'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || ic.relname || ' ON '
           || n.nspname || '.' || tc.relname || ' USING btree ('
           || (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM deepsql_catalog.pg_attribute a
               WHERE a.attrelid = i.indexrelid) || ')' AS dq_def
FROM deepsql_catalog.pg_index i
JOIN deepsql_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN deepsql_catalog.pg_class tc ON tc.oid = i.indrelid
JOIN deepsql_catalog.pg_namespace n ON n.oid = tc.relnamespace;

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_view AS
SELECT deepsql_catalog.deepsql_rel_oid(schema_name, relname) AS dq_oid, coalesce(definition, '') AS dq_definition
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'v';

CREATE OR REPLACE MACRO deepsql_catalog.pg_table_is_visible(rel_oid) AS
    coalesce((SELECT dq_c.dq_relnamespace IN (11, 2200) FROM deepsql_catalog.deepsql_h_class dq_c
              WHERE dq_c.dq_oid = rel_oid), false);
CREATE OR REPLACE MACRO deepsql_catalog.pg_function_is_visible(proc_oid) AS
    coalesce((SELECT bool_or(dq_p.dq_pronamespace IN (11, 2200)) FROM deepsql_catalog.deepsql_h_proc dq_p
              WHERE dq_p.dq_oid = proc_oid), false);
CREATE OR REPLACE MACRO deepsql_catalog.pg_type_is_visible(type_oid) AS
    coalesce((SELECT dq_t.dq_typnamespace IN (11, 2200) FROM deepsql_catalog.deepsql_h_type dq_t
              WHERE dq_t.dq_oid = type_oid), false);

-- 'name', 'schema.name' or '"Name"' → OID of a relation in the search path (public, pg_catalog).
CREATE OR REPLACE MACRO deepsql_catalog.to_regclass(rel_name) AS
    (SELECT min(dq_c.dq_oid) FROM deepsql_catalog.deepsql_h_class dq_c
     WHERE CASE WHEN contains(rel_name, '.')
                THEN dq_c.dq_nspname = replace(split_part(rel_name, '.', 1), '"', '')
                     AND dq_c.dq_relname = replace(split_part(rel_name, '.', 2), '"', '')
                ELSE dq_c.dq_relname = CASE WHEN starts_with(rel_name, '"') THEN replace(rel_name, '"', '')
                                            ELSE lower(rel_name) END
                     AND dq_c.dq_relnamespace IN (11, 2200) END);
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regclass_in(rel_name) AS
    CASE WHEN regexp_matches(rel_name, '^\d+$') THEN rel_name::UINTEGER
         ELSE coalesce(deepsql_catalog.to_regclass(rel_name), error('relation "' || rel_name || '" does not exist')) END;
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regclass_out(rel_oid) AS
    coalesce((SELECT CASE WHEN dq_c.dq_relnamespace IN (11, 2200) THEN dq_c.dq_relname
                          ELSE dq_c.dq_nspname || '.' || dq_c.dq_relname END
              FROM deepsql_catalog.deepsql_h_class dq_c WHERE dq_c.dq_oid = rel_oid),
             CASE WHEN rel_oid = 0 THEN '-' ELSE rel_oid::VARCHAR END);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regtype_in(type_name) AS
    coalesce(
        (SELECT min(dq_t.dq_oid) FROM deepsql_catalog.deepsql_h_type dq_t
         WHERE dq_t.dq_typname = lower(replace(regexp_replace(type_name, '^"?pg_catalog"?\.', ''), '"', ''))
            OR dq_t.dq_sqlname = lower(regexp_replace(type_name, '^"?pg_catalog"?\.', ''))),
        (SELECT dq_v.dq_oid::UINTEGER
         FROM (VALUES ('int', 23), ('float', 701), ('decimal', 1700), ('double', 701)) dq_v(dq_name, dq_oid)
         WHERE dq_v.dq_name = lower(type_name)),
        error('type "' || type_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regtype_out(type_oid) AS
    CASE WHEN type_oid = 0 THEN '-' ELSE deepsql_catalog.format_type(type_oid, NULL) END;

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regproc_in(proc_name) AS
    coalesce((SELECT min(dq_p.dq_oid) FROM deepsql_catalog.deepsql_h_proc dq_p
              WHERE dq_p.dq_proname = lower(replace(regexp_replace(proc_name, '^"?(pg_catalog|public)"?\.', ''), '"', ''))),
             error('function "' || proc_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regproc_out(proc_oid) AS
    coalesce((SELECT min(dq_p.dq_proname) FROM deepsql_catalog.deepsql_h_proc dq_p WHERE dq_p.dq_oid = proc_oid),
             CASE WHEN proc_oid = 0 THEN '-' ELSE proc_oid::VARCHAR END);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regnamespace_in(nsp_name) AS
    coalesce((SELECT min(dq_n.dq_oid) FROM deepsql_catalog.deepsql_h_namespace dq_n
              WHERE dq_n.dq_nspname = replace(nsp_name, '"', '')),
             error('schema "' || nsp_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regnamespace_out(nsp_oid) AS
    coalesce((SELECT min(dq_n.dq_nspname) FROM deepsql_catalog.deepsql_h_namespace dq_n WHERE dq_n.dq_oid = nsp_oid),
             nsp_oid::VARCHAR);

CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regrole_in(role_name) AS
    coalesce((SELECT min(dq_r.dq_oid) FROM deepsql_catalog.deepsql_h_role dq_r
              WHERE dq_r.dq_rolname = replace(role_name, '"', '')),
             error('role "' || role_name || '" does not exist'));
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_regrole_out(role_oid) AS deepsql_catalog.pg_get_userbyid(role_oid);

-- obj_description(oid [, catalog]), col_description(table oid, column number), shobj_description.
CREATE OR REPLACE MACRO deepsql_catalog.obj_description(object_oid) AS
        (SELECT min(dq_d.dq_description) FROM deepsql_catalog.deepsql_h_description dq_d
         WHERE dq_d.dq_objoid = object_oid AND dq_d.dq_objsubid = 0),
    (object_oid, catalog_name) AS
        (SELECT min(dq_d.dq_description) FROM deepsql_catalog.deepsql_h_description dq_d
         WHERE dq_d.dq_objoid = object_oid AND dq_d.dq_objsubid = 0 AND dq_d.dq_classname = catalog_name);
CREATE OR REPLACE MACRO deepsql_catalog.col_description(table_oid, column_number) AS
    (SELECT min(dq_d.dq_description) FROM deepsql_catalog.deepsql_h_description dq_d
     WHERE dq_d.dq_objoid = table_oid AND dq_d.dq_classoid = 1259 AND dq_d.dq_objsubid = column_number);
CREATE OR REPLACE MACRO deepsql_catalog.shobj_description(object_oid, catalog_name) AS NULL::VARCHAR;

-- Expressions are stored as text already (DuckDB's own spelling of defaults and checks).
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_expr(expr, relation) AS expr, (expr, relation, pretty) AS expr;

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_constraintdef(constraint_oid) AS
        (SELECT min(dq_k.dq_def) FROM deepsql_catalog.deepsql_h_constraint dq_k WHERE dq_k.dq_oid = constraint_oid),
    (constraint_oid, pretty) AS
        (SELECT min(dq_k.dq_def) FROM deepsql_catalog.deepsql_h_constraint dq_k WHERE dq_k.dq_oid = constraint_oid);

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_indexdef(index_oid) AS
        (SELECT min(dq_i.dq_def) FROM deepsql_catalog.deepsql_h_index dq_i WHERE dq_i.dq_oid = index_oid),
    (index_oid, column_number, pretty) AS
        CASE WHEN column_number = 0
             THEN (SELECT min(dq_i.dq_def) FROM deepsql_catalog.deepsql_h_index dq_i WHERE dq_i.dq_oid = index_oid)
             ELSE (SELECT min(dq_a.dq_attname) FROM deepsql_catalog.deepsql_h_attribute dq_a
                   WHERE dq_a.dq_attrelid = index_oid AND dq_a.dq_attnum = column_number) END;

CREATE OR REPLACE MACRO deepsql_catalog.pg_get_viewdef(view_oid) AS
        (SELECT min(dq_v.dq_definition) FROM deepsql_catalog.deepsql_h_view dq_v WHERE dq_v.dq_oid = view_oid),
    (view_oid, pretty) AS
        (SELECT min(dq_v.dq_definition) FROM deepsql_catalog.deepsql_h_view dq_v WHERE dq_v.dq_oid = view_oid);

-- Functions: argument and result lists as \df prints them (model functions carry theirs precomputed).
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_arguments(proc_oid) AS
    coalesce(
        (SELECT min(dq_p.dq_arguments) FROM deepsql_catalog.deepsql_h_proc dq_p WHERE dq_p.dq_oid = proc_oid),
        (SELECT coalesce(string_agg(deepsql_catalog.format_type(dq_a.dq_argtype, NULL), ', '), '')
         FROM (SELECT unnest(dq_p.dq_proargtypes) AS dq_argtype FROM deepsql_catalog.deepsql_h_proc dq_p
               WHERE dq_p.dq_oid = proc_oid) dq_a));
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_identity_arguments(proc_oid) AS
    deepsql_catalog.pg_get_function_arguments(proc_oid);
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_function_result(proc_oid) AS
    (SELECT min(coalesce(dq_p.dq_result, deepsql_catalog.format_type(dq_p.dq_prorettype, NULL)))
     FROM deepsql_catalog.deepsql_h_proc dq_p WHERE dq_p.dq_oid = proc_oid);
CREATE OR REPLACE MACRO deepsql_catalog.pg_get_functiondef(proc_oid) AS
    (SELECT min('CREATE FUNCTION public.' || dq_p.dq_proname || '(' || dq_p.dq_arguments || ') RETURNS '
                || dq_p.dq_result || ' LANGUAGE c AS ''deepsql'', ''' || dq_p.dq_model_name || ''' -- '
                || dq_p.dq_description)
     FROM deepsql_catalog.deepsql_h_proc dq_p WHERE dq_p.dq_oid = proc_oid AND dq_p.dq_model_name IS NOT NULL);

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
