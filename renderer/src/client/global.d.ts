import type { SietchBridge } from '../../../electron/contract/bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. Only pick-client.ts reads it. */
    sietch?: SietchBridge;
  }
}

export {};
