// node-postgres (pg 8.23.1, package.json beside this file) probe for DeepSql.Clients.Tests: prints one line per
// finding ("KEY|value|..."), the C# test compares them with PostgreSQL 15's. Run with TZ=UTC (pg parses date and
// timestamp into JavaScript Dates in the local zone).
// Arguments: a connection URL (postgresql://user@host:port/db) and a table (id INTEGER, name TEXT) to read.
'use strict';

const pg = require('pg');

const [url, table] = process.argv.slice(2);

// JSON.stringify with Buffers as hex and Dates as ISO text, so every value prints the same way on both servers.
function show(value) {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (Buffer.isBuffer(value)) return `Buffer(${value.toString('hex')})`;
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return `${typeof value}:${value}`;
}

async function step(client, name, fn) {
  try {
    await fn();
  } catch (e) {
    console.log(`ERROR|${name}|${e.code ?? '-'}|${e.position ?? '-'}|${String(e.message).split('\n')[0]}`);
  }
}

async function main() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  await client.connect();
  console.log('CONNECTED');

  await step(client, 'parameters', async () => {
    const r = await client.query(`SELECT id, name FROM ${table} WHERE id >= $1 AND name <> $2 ORDER BY id`, [2, 'none']);
    for (const row of r.rows) console.log(`PARAM|${show(row.id)}|${show(row.name)}`);
    console.log(`PARAM_FIELDS|${r.fields.map((f) => `${f.name}:${f.dataTypeID}`).join(',')}`);
    console.log(`PARAM_COMMAND|${r.command}|${r.rowCount}`);
  });

  await step(client, 'types', async () => {
    const r = await client.query(
      'SELECT CAST($1 AS INTEGER) AS i4, CAST(9007199254740993 AS BIGINT) AS i8, CAST(2.5 AS DOUBLE PRECISION) AS f8, '
      + "true AS b, CAST('12345678901234567890.125' AS NUMERIC(30, 3)) AS num, CAST($2 AS TEXT) AS t, "
      + "DATE '2024-01-02' AS d, CAST('2024-01-02 03:04:05.5+00' AS TIMESTAMPTZ) AS tz, "
      + 'CAST(ARRAY[1.5, -2.25, 0] AS REAL[]) AS f4a, '
      + `CAST('{"a": [1, 2], "b": null}' AS JSON) AS j, CAST('\\x00ff10' AS BYTEA) AS bin_hex, `
      + "CAST('abc' AS BYTEA) AS bin_text, "
      + "CAST(NULL AS INTEGER) AS n",
      [42, "it's"],
    );
    const row = r.rows[0];
    for (const f of r.fields) console.log(`TYPE|${f.name}|${f.dataTypeID}|${show(row[f.name])}`);
  });

  await step(client, 'prepared', async () => {
    for (const id of [1, 3]) {
      const r = await client.query({ name: 'q1', text: `SELECT id, name FROM ${table} WHERE id = $1`, values: [id] });
      console.log(`PREPARED|${id}|${r.rows.map((row) => `${row.id}:${row.name}`).join(',')}`);
    }
  });

  await step(client, 'no_such_table', async () => {
    await client.query('SELECT * FROM node_no_such_table');
  });
  await step(client, 'no_such_column', async () => {
    await client.query(`SELECT nosuchcolumn FROM ${table}`);
  });
  await step(client, 'no_such_column_extended', async () => {
    await client.query(`SELECT id, nosuchcolumn FROM ${table} WHERE id = $1`, [1]);
  });

  await step(client, 'after_error', async () => {
    const r = await client.query('SELECT 40 + 2 AS answer');
    console.log(`AFTER_ERROR|${show(r.rows[0].answer)}`);
  });

  await step(client, 'row_mode_array', async () => {
    const r = await client.query({ text: `SELECT id, name FROM ${table} WHERE id <= $1 ORDER BY id`, values: [2], rowMode: 'array' });
    for (const row of r.rows) console.log(`ARRAY_ROW|${row.map(show).join('|')}`);
    console.log(`ARRAY_FIELDS|${r.fields.map((f) => f.name).join(',')}`);
  });

  await step(client, 'simple_query', async () => {
    const r = await client.query(`SELECT count(*) AS n FROM ${table}`);
    console.log(`SIMPLE|${show(r.rows[0].n)}|${r.fields[0].dataTypeID}`);
  });

  await client.end();
  console.log('DONE');
}

main().catch((e) => {
  console.log(`FATAL|${e.code ?? '-'}|${String(e.message).split('\n')[0]}`);
  process.exitCode = 1;
});
