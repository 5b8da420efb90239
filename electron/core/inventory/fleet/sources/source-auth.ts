import { readFile } from 'node:fs/promises';
import type { FleetSourceAuth } from './fleet-source';

export interface ResolvedAuth {
  headers: Record<string, string>;
  ca: string | undefined;
}

/** Reads the secret files a source names; a file that cannot be read is an error the caller reports. */
export async function resolveAuth(auth: FleetSourceAuth): Promise<ResolvedAuth> {
  const headers: Record<string, string> = {};
  const firstLine = async (file: string, what: string): Promise<string> => {
    try {
      return (await readFile(file, 'utf8')).split(/\r?\n/)[0]!.trim();
    } catch (error) {
      throw new Error(`cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  if (auth.basicAuth) {
    const password = await firstLine(auth.basicAuth.passwordFile, 'password');
    headers.authorization = `Basic ${Buffer.from(`${auth.basicAuth.username}:${password}`).toString('base64')}`;
  } else if (auth.bearerTokenFile) {
    headers.authorization = `Bearer ${await firstLine(auth.bearerTokenFile, 'bearer token')}`;
  }
  let ca: string | undefined;
  if (auth.caFile) {
    try {
      ca = await readFile(auth.caFile, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the CA file ${auth.caFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return { headers, ca };
}
