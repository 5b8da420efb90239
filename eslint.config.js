// Lint, and above all the layering rules of DESIGN.md: which folder may import what.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'react/*', 'zustand', 'zustand/*', 'i18next', 'react-i18next'];

/** One no-restricted-imports rule per layer; names and patterns are what that layer may never import. */
function layer(files, { names = [], patterns = [], why }) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message: why })), patterns: patterns.map((group) => ({ group: [group], message: why })) }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.electron-native/', 'test-results/', 'native/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly', localStorage: 'readonly', navigator: 'readonly', WebSocket: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Tests read untyped JSON from real processes and sockets; asserting on it is their job.
  { files: ['test/**', '**/*.test.ts', '**/*.test.tsx'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  layer(['electron/contract/**'], {
    names: ['electron', ...uiLibraries, ...nodeBuiltins],
    patterns: ['**/core/**', '**/server/**', '**/cli/**', '**/main/**', '**/preload/**', '**/renderer/**'],
    why: 'contract/ is pure TypeScript shared by every side: no Electron, React, DOM or Node imports, and nothing from other layers.',
  }),
  layer(['electron/core/**'], {
    names: ['electron', ...uiLibraries],
    patterns: ['**/server/**', '**/cli/**', '**/main/**', '**/preload/**', '**/renderer/**'],
    why: 'core/ is the engine under plain Node: it never imports Electron, React or the DOM, nor the layers that sit on top of it.',
  }),
  layer(['electron/server/**', 'electron/cli/**'], {
    names: ['electron', ...uiLibraries],
    patterns: ['**/main/**', '**/preload/**', '**/renderer/**'],
    why: 'server/ and cli/ run under plain Node without Electron; only electron/main and electron/preload import "electron".',
  }),
  layer(['electron/preload/**'], {
    names: [...uiLibraries, ...nodeBuiltins],
    patterns: ['**/core/**', '**/server/**', '**/cli/**', '**/main/**', '**/renderer/**'],
    why: 'the sandboxed preload only bridges IPC: electron + the contract, nothing else.',
  }),
  layer(['renderer/**'], {
    names: ['electron', 'better-sqlite3', 'systeminformation', 'ws', 'pino', ...nodeBuiltins],
    patterns: ['**/electron/core/**', '**/electron/server/**', '**/electron/cli/**', '**/electron/main/**', '**/electron/preload/**'],
    why: 'the renderer talks to the core only through the API client; it never imports Node built-ins, Electron or core.',
  }),
);
