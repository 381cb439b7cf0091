import pg from "pg";

/**
 * The PostgreSQL the bench may use: BENCH_PG_URL, else CALLSCOPE_TEST_PG_URL (any database on the
 * server; the bench makes its own beside it). Unset: the bench runs on SQLite only.
 */
export function benchPostgresUrl(): string | null {
  return process.env.BENCH_PG_URL || process.env.CALLSCOPE_TEST_PG_URL || null;
}

/** `url` with another database name. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const NAME = /^[a-z_][a-z0-9_]*$/;
function checked(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
  return name;
}

export function databaseExists(url: string, name: string): Promise<boolean> {
  return admin(url, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return found.rowCount === 1;
  });
}

/** A new empty database `name` (dropped first if it exists), C locale as the README asks for. */
export async function createDatabase(url: string, name: string): Promise<string> {
  await dropDatabase(url, name);
  await admin(url, (client) =>
    client.query(`CREATE DATABASE ${checked(name)} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`),
  );
  return databaseUrl(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS ${checked(name)} WITH (FORCE)`));
}

export async function renameDatabase(url: string, from: string, to: string): Promise<void> {
  await admin(url, (client) => client.query(`ALTER DATABASE ${checked(from)} RENAME TO ${checked(to)}`));
}

/** Size of database `name` in MB. */
export function databaseMb(url: string, name: string): Promise<number> {
  return admin(url, async (client) => {
    const row = await client.query("SELECT pg_database_size($1) AS b", [name]);
    return Number(row.rows[0].b) / 1e6;
  });
}
