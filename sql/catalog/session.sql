-- Per client session (run by PgCatalog.PrepareSession before the database scripts): the settings this session
-- changed with SET (PgCatalog.OnSettingChanged writes them), its backend pid and user. {pid} and {user} are filled
-- in by PgCatalog (the user as a quoted SQL literal).
CREATE TEMP TABLE IF NOT EXISTS deepsql_session_setting (name VARCHAR PRIMARY KEY, setting VARCHAR NOT NULL);
CREATE OR REPLACE TEMP MACRO pg_backend_pid() AS {pid}::INTEGER;
CREATE OR REPLACE TEMP MACRO deepsql_session_user() AS {user};
