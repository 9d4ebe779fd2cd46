-- Part 9: information_schema (SQL standard views, PostgreSQL 15's columns) in deepsql_information_schema;
-- PgCatalog.Rewrite maps `information_schema.` here. All identifiers are PostgreSQL's: schema main is public.
-- Types: information_schema's domains answer as PostgreSQL's do, as their base types: sql_identifier name,
-- character_data pg_varchar (varchar), yes_or_no varchar(3), cardinal_number INTEGER; each view computes its columns
-- in deepsql_untyped_<view> and the view gives them those types.

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_schemata AS
SELECT current_database() AS catalog_name, nspname AS schema_name, current_user() AS schema_owner,
       NULL::VARCHAR AS default_character_set_catalog, NULL::VARCHAR AS default_character_set_schema,
       NULL::VARCHAR AS default_character_set_name, NULL::VARCHAR AS sql_path
FROM deepsql_catalog.pg_namespace;
CREATE OR REPLACE VIEW deepsql_information_schema.schemata AS
SELECT * REPLACE (default_character_set_catalog::name AS default_character_set_catalog,
                  default_character_set_schema::name AS default_character_set_schema,
                  default_character_set_name::name AS default_character_set_name, sql_path::pg_varchar AS sql_path)
FROM deepsql_information_schema.deepsql_untyped_schemata;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_tables AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       relname AS table_name, CASE relkind WHEN 'r' THEN 'BASE TABLE' ELSE 'VIEW' END AS table_type,
       NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation,
       NULL::VARCHAR AS user_defined_type_catalog, NULL::VARCHAR AS user_defined_type_schema,
       NULL::VARCHAR AS user_defined_type_name, CASE relkind WHEN 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into,
       'NO' AS is_typed, NULL::VARCHAR AS commit_action
FROM deepsql_catalog.deepsql_relation WHERE relkind IN ('r', 'v');
CREATE OR REPLACE VIEW deepsql_information_schema.tables AS
SELECT * REPLACE (table_schema::name AS table_schema, table_name::name AS table_name,
                  table_type::pg_varchar AS table_type,
                  self_referencing_column_name::name AS self_referencing_column_name,
                  reference_generation::pg_varchar AS reference_generation,
                  user_defined_type_catalog::name AS user_defined_type_catalog,
                  user_defined_type_schema::name AS user_defined_type_schema,
                  user_defined_type_name::name AS user_defined_type_name,
                  is_insertable_into::"varchar(3)" AS is_insertable_into, is_typed::"varchar(3)" AS is_typed,
                  commit_action::pg_varchar AS commit_action)
FROM deepsql_information_schema.deepsql_untyped_tables;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_views AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       relname AS table_name, definition AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable,
       'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable,
       'NO' AS is_trigger_insertable_into
FROM deepsql_catalog.deepsql_relation WHERE relkind = 'v';
CREATE OR REPLACE VIEW deepsql_information_schema.views AS
SELECT * REPLACE (table_schema::name AS table_schema, table_name::name AS table_name,
                  view_definition::pg_varchar AS view_definition, check_option::pg_varchar AS check_option,
                  is_updatable::"varchar(3)" AS is_updatable,
                  is_insertable_into::"varchar(3)" AS is_insertable_into,
                  is_trigger_updatable::"varchar(3)" AS is_trigger_updatable,
                  is_trigger_deletable::"varchar(3)" AS is_trigger_deletable,
                  is_trigger_insertable_into::"varchar(3)" AS is_trigger_insertable_into)
FROM deepsql_information_schema.deepsql_untyped_views;

-- SQL-standard type name as information_schema.columns.data_type spells it.
CREATE OR REPLACE MACRO deepsql_catalog.deepsql_standard_type_name(type_oid) AS
    CASE WHEN type_oid IN (SELECT dq_t.dq_oid FROM deepsql_catalog.deepsql_h_type dq_t WHERE dq_t.dq_is_array) THEN 'ARRAY'
         WHEN type_oid = 1700 THEN 'numeric'
         ELSE deepsql_catalog.format_type(type_oid, NULL) END;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_columns AS
SELECT current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(c.schema_name) AS table_schema,
       c.table_name, c.column_name, c.column_index::INTEGER AS ordinal_position,
       deepsql_catalog.deepsql_default_text(c.column_default, c.data_type) AS column_default,
       CASE WHEN c.is_nullable THEN 'YES' ELSE 'NO' END AS is_nullable,
       deepsql_catalog.deepsql_standard_type_name(deepsql_catalog.deepsql_type_oid(c.data_type)) AS data_type,
       coalesce(c.character_maximum_length, deepsql_catalog.deepsql_varchar_length(c.data_type))::INTEGER AS character_maximum_length,
       -- as PostgreSQL computes it for UTF8: 4 bytes a character for varchar(n), 1 GB otherwise
       CASE WHEN deepsql_catalog.deepsql_type_oid(c.data_type) IN (25, 1043)
            THEN coalesce(deepsql_catalog.deepsql_varchar_length(c.data_type) * 4, 1073741824) END::INTEGER AS character_octet_length,
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
CREATE OR REPLACE VIEW deepsql_information_schema.columns AS
SELECT * REPLACE (table_schema::name AS table_schema, table_name::name AS table_name,
                  column_name::name AS column_name, column_default::pg_varchar AS column_default,
                  is_nullable::"varchar(3)" AS is_nullable, data_type::pg_varchar AS data_type,
                  interval_type::pg_varchar AS interval_type, character_set_catalog::name AS character_set_catalog,
                  character_set_schema::name AS character_set_schema,
                  character_set_name::name AS character_set_name, collation_catalog::name AS collation_catalog,
                  collation_schema::name AS collation_schema, collation_name::name AS collation_name,
                  domain_catalog::name AS domain_catalog, domain_schema::name AS domain_schema,
                  domain_name::name AS domain_name, udt_schema::name AS udt_schema,
                  scope_catalog::name AS scope_catalog, scope_schema::name AS scope_schema,
                  scope_name::name AS scope_name, dtd_identifier::name AS dtd_identifier,
                  is_self_referencing::"varchar(3)" AS is_self_referencing,
                  is_identity::"varchar(3)" AS is_identity, identity_generation::pg_varchar AS identity_generation,
                  identity_start::pg_varchar AS identity_start,
                  identity_increment::pg_varchar AS identity_increment,
                  identity_maximum::pg_varchar AS identity_maximum,
                  identity_minimum::pg_varchar AS identity_minimum, identity_cycle::"varchar(3)" AS identity_cycle,
                  is_generated::pg_varchar AS is_generated,
                  generation_expression::pg_varchar AS generation_expression,
                  is_updatable::"varchar(3)" AS is_updatable)
FROM deepsql_information_schema.deepsql_untyped_columns;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_table_constraints AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS constraint_schema,
       CASE constraint_type WHEN 'PRIMARY KEY' THEN table_name || '_pkey' ELSE constraint_name END AS constraint_name,
       current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(schema_name) AS table_schema,
       table_name, constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,
       CASE WHEN constraint_type IN ('PRIMARY KEY', 'UNIQUE') THEN 'YES' END AS nulls_distinct
FROM duckdb_constraints()
WHERE deepsql_catalog.deepsql_shown(database_name) AND constraint_type <> 'NOT NULL';
CREATE OR REPLACE VIEW deepsql_information_schema.table_constraints AS
SELECT * REPLACE (constraint_schema::name AS constraint_schema, constraint_name::name AS constraint_name,
                  table_schema::name AS table_schema, table_name::name AS table_name,
                  constraint_type::pg_varchar AS constraint_type, is_deferrable::"varchar(3)" AS is_deferrable,
                  initially_deferred::"varchar(3)" AS initially_deferred, enforced::"varchar(3)" AS enforced,
                  nulls_distinct::"varchar(3)" AS nulls_distinct)
FROM deepsql_information_schema.deepsql_untyped_table_constraints;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_key_column_usage AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS constraint_schema,
       CASE k.constraint_type WHEN 'PRIMARY KEY' THEN k.table_name || '_pkey' ELSE k.constraint_name END AS constraint_name,
       current_database() AS table_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS table_schema,
       k.table_name, k.constraint_column_names[r.i] AS column_name, r.i::INTEGER AS ordinal_position,
       CASE WHEN k.constraint_type = 'FOREIGN KEY' THEN r.i END::INTEGER AS position_in_unique_constraint
FROM duckdb_constraints() k, range(1, len(k.constraint_column_names) + 1) r(i)
WHERE deepsql_catalog.deepsql_shown(k.database_name)
  AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY');
CREATE OR REPLACE VIEW deepsql_information_schema.key_column_usage AS
SELECT * REPLACE (constraint_schema::name AS constraint_schema, constraint_name::name AS constraint_name,
                  table_schema::name AS table_schema, table_name::name AS table_name,
                  column_name::name AS column_name)
FROM deepsql_information_schema.deepsql_untyped_key_column_usage;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_referential_constraints AS
SELECT current_database() AS constraint_catalog, deepsql_catalog.deepsql_nspname(k.schema_name) AS constraint_schema,
       k.constraint_name, current_database() AS unique_constraint_catalog,
       deepsql_catalog.deepsql_nspname(k.schema_name) AS unique_constraint_schema,
       k.referenced_table || '_pkey' AS unique_constraint_name, 'NONE' AS match_option, 'NO ACTION' AS update_rule,
       'NO ACTION' AS delete_rule
FROM duckdb_constraints() k
WHERE deepsql_catalog.deepsql_shown(k.database_name) AND k.constraint_type = 'FOREIGN KEY';
CREATE OR REPLACE VIEW deepsql_information_schema.referential_constraints AS
SELECT * REPLACE (constraint_schema::name AS constraint_schema, constraint_name::name AS constraint_name,
                  unique_constraint_schema::name AS unique_constraint_schema,
                  unique_constraint_name::name AS unique_constraint_name, match_option::pg_varchar AS match_option,
                  update_rule::pg_varchar AS update_rule, delete_rule::pg_varchar AS delete_rule)
FROM deepsql_information_schema.deepsql_untyped_referential_constraints;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_character_sets AS
SELECT NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema, 'UTF8' AS character_set_name,
       'UCS' AS character_repertoire, 'UTF8' AS form_of_use, current_database() AS default_collate_catalog,
       'pg_catalog' AS default_collate_schema, 'C.UTF-8' AS default_collate_name;
CREATE OR REPLACE VIEW deepsql_information_schema.character_sets AS
SELECT * REPLACE (character_set_catalog::name AS character_set_catalog,
                  character_set_schema::name AS character_set_schema,
                  character_set_name::name AS character_set_name,
                  character_repertoire::name AS character_repertoire, form_of_use::name AS form_of_use,
                  default_collate_schema::name AS default_collate_schema,
                  default_collate_name::name AS default_collate_name)
FROM deepsql_information_schema.deepsql_untyped_character_sets;

-- Model functions as routines: specific_name is name_oid, as PostgreSQL makes it; routine_definition carries the
-- description (task, version, input contract), external_name the model.
CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_routines AS
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
CREATE OR REPLACE VIEW deepsql_information_schema.routines AS
SELECT * REPLACE (specific_schema::name AS specific_schema, specific_name::name AS specific_name,
                  routine_schema::name AS routine_schema, routine_name::name AS routine_name,
                  routine_type::pg_varchar AS routine_type, module_catalog::name AS module_catalog,
                  module_schema::name AS module_schema, module_name::name AS module_name,
                  udt_catalog::name AS udt_catalog, udt_schema::name AS udt_schema, udt_name::name AS udt_name,
                  data_type::pg_varchar AS data_type, character_set_catalog::name AS character_set_catalog,
                  character_set_schema::name AS character_set_schema,
                  character_set_name::name AS character_set_name, collation_catalog::name AS collation_catalog,
                  collation_schema::name AS collation_schema, collation_name::name AS collation_name,
                  interval_type::pg_varchar AS interval_type, type_udt_schema::name AS type_udt_schema,
                  scope_catalog::name AS scope_catalog, scope_schema::name AS scope_schema,
                  scope_name::name AS scope_name, dtd_identifier::name AS dtd_identifier,
                  routine_body::pg_varchar AS routine_body, routine_definition::pg_varchar AS routine_definition,
                  external_name::pg_varchar AS external_name, external_language::pg_varchar AS external_language,
                  parameter_style::pg_varchar AS parameter_style,
                  is_deterministic::"varchar(3)" AS is_deterministic,
                  sql_data_access::pg_varchar AS sql_data_access, is_null_call::"varchar(3)" AS is_null_call,
                  sql_path::pg_varchar AS sql_path, schema_level_routine::"varchar(3)" AS schema_level_routine,
                  is_user_defined_cast::"varchar(3)" AS is_user_defined_cast,
                  is_implicitly_invocable::"varchar(3)" AS is_implicitly_invocable,
                  security_type::pg_varchar AS security_type,
                  to_sql_specific_catalog::name AS to_sql_specific_catalog,
                  to_sql_specific_schema::name AS to_sql_specific_schema,
                  to_sql_specific_name::name AS to_sql_specific_name, as_locator::"varchar(3)" AS as_locator,
                  new_savepoint_level::"varchar(3)" AS new_savepoint_level,
                  is_udt_dependent::"varchar(3)" AS is_udt_dependent,
                  result_cast_from_data_type::pg_varchar AS result_cast_from_data_type,
                  result_cast_as_locator::"varchar(3)" AS result_cast_as_locator,
                  result_cast_char_set_catalog::name AS result_cast_char_set_catalog,
                  result_cast_char_set_schema::name AS result_cast_char_set_schema,
                  result_cast_char_set_name::name AS result_cast_char_set_name,
                  result_cast_collation_catalog::name AS result_cast_collation_catalog,
                  result_cast_collation_schema::name AS result_cast_collation_schema,
                  result_cast_collation_name::name AS result_cast_collation_name,
                  result_cast_interval_type::pg_varchar AS result_cast_interval_type,
                  result_cast_type_udt_catalog::name AS result_cast_type_udt_catalog,
                  result_cast_type_udt_schema::name AS result_cast_type_udt_schema,
                  result_cast_type_udt_name::name AS result_cast_type_udt_name,
                  result_cast_scope_catalog::name AS result_cast_scope_catalog,
                  result_cast_scope_schema::name AS result_cast_scope_schema,
                  result_cast_scope_name::name AS result_cast_scope_name,
                  result_cast_dtd_identifier::name AS result_cast_dtd_identifier)
FROM deepsql_information_schema.deepsql_untyped_routines;

CREATE OR REPLACE VIEW deepsql_information_schema.deepsql_untyped_parameters AS
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
CREATE OR REPLACE VIEW deepsql_information_schema.parameters AS
SELECT * REPLACE (specific_schema::name AS specific_schema, specific_name::name AS specific_name,
                  parameter_mode::pg_varchar AS parameter_mode, is_result::"varchar(3)" AS is_result,
                  as_locator::"varchar(3)" AS as_locator, parameter_name::name AS parameter_name,
                  data_type::pg_varchar AS data_type, character_set_catalog::name AS character_set_catalog,
                  character_set_schema::name AS character_set_schema,
                  character_set_name::name AS character_set_name, collation_catalog::name AS collation_catalog,
                  collation_schema::name AS collation_schema, collation_name::name AS collation_name,
                  interval_type::pg_varchar AS interval_type, udt_schema::name AS udt_schema,
                  scope_catalog::name AS scope_catalog, scope_schema::name AS scope_schema,
                  scope_name::name AS scope_name, dtd_identifier::name AS dtd_identifier,
                  parameter_default::pg_varchar AS parameter_default)
FROM deepsql_information_schema.deepsql_untyped_parameters;

-- information_schema._pg_expandarray(array) → a set of (x element, n position from 1); pgjdbc's getPrimaryKeys
-- calls it twice in one select list, and (…).x / (…).n of it: unnest of a struct list runs both in step.
CREATE OR REPLACE MACRO deepsql_information_schema._pg_expandarray(arr) AS
    unnest(list_transform(range(1, len(arr) + 1), dq_i -> {'x': arr[dq_i], 'n': dq_i::INTEGER}));
