import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/temp-dir';
import { ConfigError, loadConfig } from './config';
import { resolveDataDir } from './data-dir';

const tempDir = useTempDirs();

describe('data directory', () => {
  it('takes --data-dir first, then SIETCH_DATA_DIR, then the platform folder', () => {
    expect(resolveDataDir({ flag: '/srv/a', env: { SIETCH_DATA_DIR: '/srv/b' } })).toBe('/srv/a');
    expect(resolveDataDir({ env: { SIETCH_DATA_DIR: '/srv/b' } })).toBe('/srv/b');
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/op' })).toBe('/home/op/.local/share/sietch');
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'linux', home: '/home/op' })).toBe('/xdg/sietch');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/op' })).toBe('/Users/op/Library/Application Support/Sietch');
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\op' })).toMatch(/Roaming.Sietch$/);
  });
});

describe('config.json', () => {
  it('has working defaults when absent', () => {
    const config = loadConfig(tempDir());
    expect(config.server).toEqual({ host: '127.0.0.1', port: 7410 });
    expect(config.chain).toEqual({ networks: {} });
  });

  it('merges a partial file over the defaults', () => {
    const dir = tempDir();
    const sepolia = { rpcUrl: 'https://rpc.example/v1/KEY', chainId: 11155111, easAddress: '0xC2679fBD37d54388Ce493F1DB75320D236e1815e', schemaRegistryAddress: '0x0a7E2Ff54e76B8E6659aedc9103FB21c038050D0', mode: 'timestamp' };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ server: { port: 9000 }, chain: { network: 'sepolia', networks: { sepolia } } }));
    const config = loadConfig(dir);
    expect(config.server).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(config.chain.networks.sepolia).toMatchObject({ chainId: 11155111, mode: 'timestamp', confirmations: 3, maxFeePerGasGwei: '100' });
  });

  it('refuses invalid JSON and invalid fields, naming the field', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{ "server": ');
    expect(() => loadConfig(dir)).toThrow(ConfigError);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ server: { port: 70000 } }));
    expect(() => loadConfig(dir)).toThrow(/server\.port/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ sever: {} }));
    expect(() => loadConfig(dir)).toThrow(/sever/);
  });
});
