import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_SUBSCRIBE_CHANNEL, type BridgeResult, type SietchBridge } from '../contract/bridge';

/**
 * The sandboxed preload: exposes window.sietch = { invoke, subscribe } and nothing else. The
 * page never sees ipcRenderer, an IPC event object or any Node API; it hands over a method name
 * and wire JSON, and gets wire JSON back. Only 'electron' and the contract's constants are
 * imported, and they are bundled, because a sandboxed preload cannot load other modules.
 */

type WireListener = (wirePayload: unknown) => void;

/** Page listeners per event. Main holds one subscription per event for this page and we fan out. */
const listeners = new Map<string, Set<WireListener>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, eventName: unknown, wirePayload: unknown) => {
  if (typeof eventName !== 'string') return;
  for (const listener of [...(listeners.get(eventName) ?? [])]) {
    try {
      listener(wirePayload); // the payload only: the IPC event would hand the page ipcRenderer itself
    } catch {
      // one failing page listener must not starve the others
    }
  }
});

const bridge: SietchBridge = {
  invoke(method: string, wireInput: unknown): Promise<BridgeResult> {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, wireInput) as Promise<BridgeResult>;
  },
  subscribe(event: string, listener: WireListener): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('subscribe(event: string, listener: function)');
    let set = listeners.get(event);
    if (!set) {
      listeners.set(event, (set = new Set()));
      ipcRenderer.send(IPC_SUBSCRIBE_CHANNEL, event, true);
    }
    set.add(listener);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(listener);
      if (set.size === 0 && listeners.get(event) === set) {
        listeners.delete(event);
        ipcRenderer.send(IPC_SUBSCRIBE_CHANNEL, event, false);
      }
    };
  },
};

contextBridge.exposeInMainWorld('sietch', Object.freeze(bridge));
