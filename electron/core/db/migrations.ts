/**
 * Numbered SQL files in ./migrations, bundled at build time. Each file is applied once, in
 * order, inside a transaction, and PRAGMA user_version records the last one applied.
 */
const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function parseMigrations(sources: Record<string, string>): Migration[] {
  const migrations = Object.entries(sources).map(([path, sql]) => {
    const match = /(\d{3,})_([\w-]+)\.sql$/.exec(path);
    if (!match) throw new Error(`migration file name must look like 001_name.sql: ${path}`);
    return { version: Number(match[1]), name: match[2]!, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migrations must be numbered 1, 2, 3 ... without gaps; found ${migration.version} at position ${index + 1}`);
  });
  return migrations;
}

export const MIGRATIONS: readonly Migration[] = parseMigrations(files);
