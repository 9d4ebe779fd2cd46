-- Part 5: settings. Defaults as a PostgreSQL 15 server reports them; a session's SET values come from its temp
-- table deepsql_session_setting (see session.sql), so current_setting() and pg_settings see them.
CREATE OR REPLACE TABLE deepsql_catalog.deepsql_setting_default (
    name VARCHAR NOT NULL, setting VARCHAR NOT NULL, unit VARCHAR, category VARCHAR NOT NULL,
    short_desc VARCHAR NOT NULL, context VARCHAR NOT NULL, vartype VARCHAR NOT NULL);
INSERT INTO deepsql_catalog.deepsql_setting_default VALUES
    ('application_name', '', NULL, 'Reporting and Logging / What to Log', 'Sets the application name to be reported in statistics and logs.', 'user', 'string'),
    ('bytea_output', 'hex', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the output format for bytea.', 'user', 'enum'),
    ('client_encoding', 'UTF8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the client''s character set encoding.', 'user', 'string'),
    ('client_min_messages', 'notice', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the message levels that are sent to the client.', 'user', 'enum'),
    ('DateStyle', 'ISO, MDY', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the display format for date and time values.', 'user', 'string'),
    ('default_transaction_isolation', 'read committed', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the transaction isolation level of each new transaction.', 'user', 'enum'),
    ('default_transaction_read_only', 'off', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the default read-only status of new transactions.', 'user', 'bool'),
    ('extra_float_digits', '1', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the number of digits displayed for floating-point values.', 'user', 'integer'),
    ('idle_in_transaction_session_timeout', '0', 'ms', 'Client Connection Defaults / Statement Behavior', 'Sets the maximum allowed idle time between queries, when in a transaction.', 'user', 'integer'),
    ('integer_datetimes', 'on', NULL, 'Preset Options', 'Shows whether datetimes are integer based.', 'internal', 'bool'),
    ('IntervalStyle', 'postgres', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the display format for interval values.', 'user', 'enum'),
    ('is_superuser', 'on', NULL, 'Preset Options', 'Shows whether the current user is a superuser.', 'internal', 'bool'),
    ('lc_collate', 'C.UTF-8', NULL, 'Preset Options', 'Shows the collation order locale.', 'internal', 'string'),
    ('lc_ctype', 'C.UTF-8', NULL, 'Preset Options', 'Shows the character classification and case conversion locale.', 'internal', 'string'),
    ('lc_messages', 'C.UTF-8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the language in which messages are displayed.', 'superuser', 'string'),
    ('lc_monetary', 'C.UTF-8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the locale for formatting monetary amounts.', 'user', 'string'),
    ('lc_numeric', 'C.UTF-8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the locale for formatting numbers.', 'user', 'string'),
    ('lc_time', 'C.UTF-8', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the locale for formatting date and time values.', 'user', 'string'),
    ('lock_timeout', '0', 'ms', 'Client Connection Defaults / Statement Behavior', 'Sets the maximum allowed duration of any wait for a lock.', 'user', 'integer'),
    ('max_connections', '100', NULL, 'Connections and Authentication / Connection Settings', 'Sets the maximum number of concurrent connections.', 'postmaster', 'integer'),
    ('max_identifier_length', '63', NULL, 'Preset Options', 'Shows the maximum identifier length.', 'internal', 'integer'),
    ('max_index_keys', '32', NULL, 'Preset Options', 'Shows the maximum number of index keys.', 'internal', 'integer'),
    ('max_function_args', '100', NULL, 'Preset Options', 'Shows the maximum number of function arguments.', 'internal', 'integer'),
    ('block_size', '8192', NULL, 'Preset Options', 'Shows the size of a disk block.', 'internal', 'integer'),
    ('search_path', '"$user", public', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the schema search order for names that are not schema-qualified.', 'user', 'string'),
    ('server_encoding', 'UTF8', NULL, 'Preset Options', 'Shows the server (database) character set encoding.', 'internal', 'string'),
    ('server_version', '15.0 (DeepSQL)', NULL, 'Preset Options', 'Shows the server version.', 'internal', 'string'),
    ('server_version_num', '150000', NULL, 'Preset Options', 'Shows the server version as an integer.', 'internal', 'integer'),
    ('session_authorization', '', NULL, 'Preset Options', 'Sets the session user name.', 'user', 'string'),
    ('standard_conforming_strings', 'on', NULL, 'Version and Platform Compatibility / Previous PostgreSQL Versions', 'Causes ''...'' strings to treat backslashes literally.', 'user', 'bool'),
    ('statement_timeout', '0', 'ms', 'Client Connection Defaults / Statement Behavior', 'Sets the maximum allowed duration of any statement.', 'user', 'integer'),
    ('TimeZone', 'UTC', NULL, 'Client Connection Defaults / Locale and Formatting', 'Sets the time zone for displaying and interpreting time stamps.', 'user', 'string'),
    ('transaction_isolation', 'read committed', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the current transaction''s isolation level.', 'user', 'enum'),
    ('transaction_read_only', 'off', NULL, 'Client Connection Defaults / Statement Behavior', 'Sets the current transaction''s read-only status.', 'user', 'bool'),
    ('deepsql.strict', 'off', NULL, 'Customized Options', 'Undecodable model input is an error (22P02) instead of NULL plus a notice.', 'user', 'bool'),
    ('deepsql.batch_size', '32', NULL, 'Customized Options', 'Rows per ONNX Runtime call.', 'user', 'integer');

CREATE OR REPLACE VIEW deepsql_catalog.pg_settings AS
SELECT d.name, coalesce(s.setting, d.setting) AS setting, d.unit, d.category, d.short_desc,
       NULL::VARCHAR AS extra_desc, d.context, d.vartype,
       CASE WHEN s.setting IS NULL THEN 'default' ELSE 'session' END AS source,
       NULL::VARCHAR AS min_val, NULL::VARCHAR AS max_val, NULL::VARCHAR[] AS enumvals, d.setting AS boot_val,
       d.setting AS reset_val, NULL::VARCHAR AS sourcefile, NULL::INTEGER AS sourceline, false AS pending_restart
FROM deepsql_catalog.deepsql_setting_default d
LEFT JOIN temp.main.deepsql_session_setting s ON s.name = lower(d.name)
UNION ALL
-- custom settings a session set that have no default (SET myapp.x = ...)
SELECT s.name, s.setting, NULL, 'Customized Options', '', NULL, 'user', 'string', 'session', NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, false
FROM temp.main.deepsql_session_setting s
WHERE s.name NOT IN (SELECT lower(name) FROM deepsql_catalog.deepsql_setting_default);

CREATE OR REPLACE VIEW deepsql_catalog.deepsql_h_setting AS
SELECT lower(name) AS dq_name, setting AS dq_setting FROM deepsql_catalog.pg_settings;

-- current_setting(name [, missing_ok]): an error for an unknown name unless missing_ok, as in PostgreSQL.
CREATE OR REPLACE MACRO deepsql_catalog.current_setting(setting_name) AS
    CASE WHEN (SELECT dq_s.dq_setting FROM deepsql_catalog.deepsql_h_setting dq_s WHERE dq_s.dq_name = lower(setting_name)) IS NULL
         THEN error('unrecognized configuration parameter "' || setting_name || '"')
         ELSE (SELECT dq_s.dq_setting FROM deepsql_catalog.deepsql_h_setting dq_s WHERE dq_s.dq_name = lower(setting_name)) END,
    (setting_name, missing_ok) AS
    CASE WHEN (SELECT dq_s.dq_setting FROM deepsql_catalog.deepsql_h_setting dq_s WHERE dq_s.dq_name = lower(setting_name)) IS NULL
              AND NOT missing_ok
         THEN error('unrecognized configuration parameter "' || setting_name || '"')
         ELSE (SELECT dq_s.dq_setting FROM deepsql_catalog.deepsql_h_setting dq_s WHERE dq_s.dq_name = lower(setting_name)) END;

-- set_config(name, value, is_local) returns the value. A macro cannot write the session table, so the setting
-- itself only changes when the server routes it as SET (PgCatalog.OnSettingChanged).
CREATE OR REPLACE MACRO deepsql_catalog.set_config(setting_name, new_value, is_local) AS new_value;
