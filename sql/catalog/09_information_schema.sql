-- Part 9: information_schema (SQL standard views, PostgreSQL 15's columns) in deepsql_information_schema;
-- PgCatalog.Rewrite maps `information_schema.` here. All identifiers are PostgreSQL's: schema main is public.
-- Types: information_schema's sql_identifier/character_data/yes_or_no are VARCHAR, cardinal_number INTEGER.

CREATE OR REPLACE VIEW deepsql_information_schema.schemata AS
SELECT current_database() AS catalog_name, nspname AS schema_name, current_user() AS schema_owner,
       NULL::VARCHAR AS default_character_set_catalog, NULL::VARCHAR AS default_character_set_schema,
       NULL::VARCHAR AS default_character_set_name, NULL::VARCHAR AS sql_path
FROM deepsql_catalog.pg_namespace;

CREATE OR REPLACE VIEW deepsql_information_schema.tables AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       relname AS table_name, CASE relkind WHEN 'r' THEN 'BASE TABLE' ELSE 'VIEW' END AS table_type,
       NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation,
       NULL::VARCHAR AS user_defined_type_catalog, NULL::VARCHAR AS user_defined_type_schema,
       NULL::VARCHAR AS user_defined_type_name, CASE relkind WHEN 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into,
       'NO' AS is_typed, NULL::VARCHAR AS commit_action
FROM deepsql_catalog.deepsql_relation WHERE relkind IN ('r', 'v');

CREATE OR REPLACE VIEW deepsql_information_schema.views AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       relname AS table_name, definition AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable,
       'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable,
       'NO' AS is_trigger_insertable_into
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'v';

-- SQL-standard type name as information_schema.columns.data_type spells it.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_standard_type_name(type_oid) AS
    CASE WHEN type_oid IN (SELECT dq_t.dq_oid FROM deepsql_catalog.deepsql_h_type dq_t WHERE dq_t.dq_is_array) THEN 'ARRAY'
         WHEN type_oid = 1700 THEN 'numeric'
         ELSE deepsql_catalog.format_type(type_oid, NULL) END;

CREATE OR REPLACE VIEW deepsql_information_schema.columns AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(c.schema_name) AS table_schema,
       c.table_name, c.column_name, c.column_index::INTEGER AS ordinal_position, c.column_default,
       CASE WHEN c.is_nullable THEN 'YES' ELSE 'NO' END AS is_nullable,
       deepsql_catalog.deepsql_standard_type_name(deepsql_catalog.deepsql_type_oid(c.data_type)) AS data_type,
       c.character_maximum_length::INTEGER AS character_maximum_length,
       CASE WHEN deepsql_catalog.deepsql_type_oid(c.data_type) = 25 THEN 1073741824 END::INTEGER AS character_octet_length,
       c.numeric_precision::INTEGER AS numeric_precision, c.numeric_precision_radix::INTEGER AS numeric_precision_radix,
       CASE WHEN deepsql_catalog.deepsql_type_oid(c.data_type) NOT IN (700, 701) THEN c.numeric_scale END::INTEGER AS numeric_scale,
       CASE WHEN deepsql_catalog.deepsql_type_oid(c.data_type) IN (1082, 1083, 1114, 1184, 1266, 1186)
            THEN CASE WHEN c.data_type = 'DATE' THEN 0 ELSE 6 END END::INTEGER AS datetime_precision,
       NULL::VARCHAR AS interval_type, NULL::INTEGER AS interval_precision,
       NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema,
       NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS collation_catalog, NULL::VARCHAR AS collation_schema,
       NULL::VARCHAR AS collation_name, NULL::VARCHAR AS domain_catalog, NULL::VARCHAR AS domain_schema,
       NULL::VARCHAR AS domain_name, current_database() AS udt_catalog, 'pg_catalog' AS udt_schema,
       (SELECT dq_t.dq_typname FROM deepsql_catalog.deepsql_h_type dq_t
        WHERE dq_t.dq_oid = deepsql_catalog.deepsql_type_oid(c.data_type)) AS udt_name,
       NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name,
       NULL::INTEGER AS maximum_cardinality, c.column_index::VARCHAR AS dtd_identifier, 'NO' AS is_self_referencing,
       'NO' AS is_identity, NULL::VARCHAR AS identity_generation, NULL::VARCHAR AS identity_start,
       NULL::VARCHAR AS identity_increment, NULL::VARCHAR AS identity_maximum, NULL::VARCHAR AS identity_minimum,
       'NO' AS identity_cycle, 'NEVER' AS is_generated, NULL::VARCHAR AS generation_expression,
       CASE WHEN r.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_updatable
FROM duckdb_columns() c
JOIN deepsql_catalog.deepsql_relation r ON r.schema_name = c.schema_name AND r.relname = c.table_name
                                       AND r.relkind IN ('r', 'v')
WHERE deepsql_catalog.deepsql_shown(c.database_name) AND NOT c.internal;

CREATE OR REPLACE VIEW deepsql_information_schema.table_constraints AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS constraint_schema,
       CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey' ELSE constraint_name END AS constraint_name,
       current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       table_name, constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,
       CASE WHEN constraint_type IN ('PRIMARY KEY', 'UNIQUE') THEN 'YES' END AS nulls_distinct
FROM duckdb_constraints()
WHERE deepsql_catalog.deepsql_shown(database_name) AND constraint_type <> 'NOT NULL';

CREATE OR REPLACE VIEW deepsql_information_schema.key_column_usage AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS constraint_schema,
       CASE k.constraint_type WHEN 'PRIMARY KEY' THEN k.table_name || '_pkey' ELSE k.constraint_name END AS constraint_name,
       current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS table_schema,
       k.table_name, k.constraint_column_names[r.i] AS column_name, r.i::INTEGER AS ordinal_position,
       CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN r.i END::INTEGER AS position_in_unique_constraint
FROM duckdb_constraints() k, range(1, len(k.constraint_column_names) + 1) r(i)
WHERE deepsql_catalog.deepsql_shown(k.database_name)
  AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY');

CREATE OR REPLACE VIEW deepsql_information_schema.referential_constraints AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS constraint_schema,
       k.constraint_name, current_database() AS unique_constraint_catalog,
       deepsql_catalog.deepsql_nspname(k.schema_name) AS unique_constraint_schema,
       k.referenced_table || '_pkey' AS unique_constraint_name, 'NONE' AS match_option, 'NO ACTION' AS update_rule,
       'NO ACTION' AS delete_rule
FROM duckdb_constraints() k
WHERE deepsql_catalog.deepsql_shown(k.database_name) AND k.constraint_type = 'FOREIGN KEY';

CREATE OR REPLACE VIEW deepsql_information_schema.character_sets AS
SELECT NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema, 'UTF8' AS character_set_name,
       'UCS' AS character_repertoire, 'UTF8' AS form_of_use, current_database() AS default_collate_catalog,
       'pg_catalog' AS default_collate_schema, 'C.UTF-8' AS default_collate_name;

-- Model functions as routines: specific_name is name_oid, as PostgreSQL makes it; routine_definition carries the
-- description (task, version, input contract), external_name the model.
CREATE OR REPLACE VIEW deepsql_information_schema.routines AS
SELECT current_database() AS specific_catalog, 'public' AS specific_schema, proname || '_' || oid AS specific_name,
       current_database() AS routine_catalog, 'public' AS routine_schema, proname AS routine_name,
       'FUNCTION' AS routine_type, NULL::VARCHAR AS module_catalog, NULL::VARCHAR AS module_schema,
       NULL::VARCHAR AS module_name, NULL::VARCHAR AS udt_catalog, NULL::VARCHAR AS udt_schema,
       NULL::VARCHAR AS udt_name, deepsql_catalog.deepsql_standard_type_name(prorettype) AS data_type,
       NULL::INTEGER AS character_maximum_length, NULL::INTEGER AS character_octet_length,
       NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema,
       NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS collation_catalog, NULL::VARCHAR AS collation_schema,
       NULL::VARCHAR AS collation_name, NULL::INTEGER AS numeric_precision, NULL::INTEGER AS numeric_precision_radix,
       NULL::INTEGER AS numeric_scale, NULL::INTEGER AS datetime_precision, NULL::VARCHAR AS interval_type,
       NULL::INTEGER AS interval_precision, current_database() AS type_udt_catalog, 'pg_catalog' AS type_udt_schema,
       (SELECT dq_t.dq_typname FROM deepsql_catalog.deepsql_h_type dq_t WHERE dq_t.dq_oid = prorettype) AS type_udt_name,
       NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name,
       NULL::INTEGER AS maximum_cardinality, '0' AS dtd_identifier, 'EXTERNAL' AS routine_body,
       description AS routine_definition, model_name AS external_name, 'C' AS external_language,
       'GENERAL' AS parameter_style, 'NO' AS is_deterministic, 'MODIFIES' AS sql_data_access, 'NO' AS is_null_call,
       NULL::VARCHAR AS sql_path, 'YES' AS schema_level_routine, 0::INTEGER AS max_dynamic_result_sets,
       NULL::VARCHAR AS is_user_defined_cast, NULL::VARCHAR AS is_implicitly_invocable, 'INVOKER' AS security_type,
       NULL::VARCHAR AS to_sql_specific_catalog, NULL::VARCHAR AS to_sql_specific_schema,
       NULL::VARCHAR AS to_sql_specific_name, 'NO' AS as_locator, NULL::TIMESTAMPTZ AS created,
       NULL::TIMESTAMPTZ AS last_altered, NULL::VARCHAR AS new_savepoint_level, 'NO' AS is_udt_dependent,
       NULL::VARCHAR AS result_cast_from_data_type, NULL::VARCHAR AS result_cast_as_locator,
       NULL::INTEGER AS result_cast_char_max_length, NULL::INTEGER AS result_cast_char_octet_length,
       NULL::VARCHAR AS result_cast_char_set_catalog, NULL::VARCHAR AS result_cast_char_set_schema,
       NULL::VARCHAR AS result_cast_char_set_name, NULL::VARCHAR AS result_cast_collation_catalog,
       NULL::VARCHAR AS result_cast_collation_schema, NULL::VARCHAR AS result_cast_collation_name,
       NULL::INTEGER AS result_cast_numeric_precision, NULL::INTEGER AS result_cast_numeric_precision_radix,
       NULL::INTEGER AS result_cast_numeric_scale, NULL::INTEGER AS result_cast_datetime_precision,
       NULL::VARCHAR AS result_cast_interval_type, NULL::INTEGER AS result_cast_interval_precision,
       NULL::VARCHAR AS result_cast_type_udt_catalog, NULL::VARCHAR AS result_cast_type_udt_schema,
       NULL::VARCHAR AS result_cast_type_udt_name, NULL::VARCHAR AS result_cast_scope_catalog,
       NULL::VARCHAR AS result_cast_scope_schema, NULL::VARCHAR AS result_cast_scope_name,
       NULL::INTEGER AS result_cast_maximum_cardinality, NULL::VARCHAR AS result_cast_dtd_identifier
FROM deepsql_catalog.deepsql_model_function;

CREATE OR REPLACE VIEW deepsql_information_schema.parameters AS
SELECT current_database() AS specific_catalog, 'public' AS specific_schema, m.proname || '_' || m.oid AS specific_name,
       p.i::INTEGER AS ordinal_position, 'IN' AS parameter_mode, 'NO' AS is_result, 'NO' AS as_locator,
       m.proargnames[p.i] AS parameter_name,
       deepsql_catalog.deepsql_standard_type_name(m.proargtypes[p.i]) AS data_type,
       NULL::INTEGER AS character_maximum_length, NULL::INTEGER AS character_octet_length,
       NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema,
       NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS collation_catalog, NULL::VARCHAR AS collation_schema,
       NULL::VARCHAR AS collation_name, NULL::INTEGER AS numeric_precision, NULL::INTEGER AS numeric_precision_radix,
       NULL::INTEGER AS numeric_scale, NULL::INTEGER AS datetime_precision, NULL::VARCHAR AS interval_type,
       NULL::INTEGER AS interval_precision, current_database() AS udt_catalog, 'pg_catalog' AS udt_schema,
       (SELECT dq_t.dq_typname FROM deepsql_catalog.deepsql_h_type dq_t WHERE dq_t.dq_oid = m.proargtypes[p.i]) AS udt_name,
       NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name,
       NULL::INTEGER AS maximum_cardinality, p.i::VARCHAR AS dtd_identifier, NULL::VARCHAR AS parameter_default
FROM deepsql_catalog.deepsql_model_function m, range(1, len(m.proargtypes) + 1) p(i);

-- information_schema._pg_expandarray(array) → a set of (x element, n position from 1); pgjdbc's getPrimaryKeys
-- calls it twice in one select list, and (…).x / (…).n of it: unnest of a struct list runs both in step.
CREATE OR REPLACE MACRO deepsql_information_schema._pg_expandarray(arr) AS
    unnest(list_transform(range(1, len(arr) + 1), dq_i -> {'x': arr[dq_i], 'n': dq_i::INTEGER}));
