import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { isEventName, isMethodName, type ApiHandlers, type EventName, type MethodName } from '../contract/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, IPC_SUBSCRIBE_CHANNEL, type BridgeResult } from '../contract/bridge';
import type { Dispose } from '../contract/client';
import { ApiError } from '../contract/errors';
import { decodeInput, encodeEvent, encodeOutput } from '../contract/wire';
import type { EventBus } from '../core/events/event-bus';
import type { Logger } from '../core/log/logger';

/** The parts of ipcMain the bridge uses; the real one or a test fake. */
export type BridgeIpcMain = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;

/** The parts of a WebContents the bridge uses: push events to it, notice when it goes away. */
type Subscriber = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'>;

export interface IpcBridgeOptions {
  ipcMain: BridgeIpcMain;
  handlers: ApiHandlers;
  events: Pick<EventBus, 'on'>;
  /** Decides from the sending frame's URL whether the message comes from our own renderer. */
  isTrustedSender: (senderFrameUrl: string | undefined) => boolean;
  logger: Logger;
}

function failure(error: ApiError): BridgeResult {
  return { ok: false, error: error.toBody() };
}

function senderUrl(event: IpcMainEvent | IpcMainInvokeEvent): string | undefined {
  // senderFrame is null when the frame navigated away or was destroyed before we read it.
  return event.senderFrame?.url;
}

/**
 * The Electron side of the API, generic over the contract: one invoke channel for every
 * method, one subscribe channel for every event. Decoding, encoding and error bodies come from
 * contract/wire, the same code the HTTP server runs, so both transports answer identically.
 */
export function registerIpcBridge({ ipcMain, handlers, events, isTrustedSender, logger }: IpcBridgeOptions): Dispose {
  async function invoke(event: IpcMainInvokeEvent, method: unknown, wireInput: unknown): Promise<BridgeResult> {
    const url = senderUrl(event);
    if (!isTrustedSender(url)) {
      logger.warn({ senderUrl: url, method: typeof method === 'string' ? method : typeof method }, 'IPC call refused: sender is not the Sietch renderer');
      return failure(new ApiError('forbidden', 'this frame may not call the Sietch API'));
    }
    if (typeof method !== 'string' || !isMethodName(method)) return failure(new ApiError('unknown-method', `no method "${String(method)}"`));
    try {
      const input = decodeInput(method, wireInput);
      const output = await (handlers[method] as (input: unknown) => Promise<unknown>)(input);
      return { ok: true, result: encodeOutput(method as MethodName, output as never) };
    } catch (error) {
      if (error instanceof ApiError) return failure(error);
      // The detail goes to the log; the renderer gets a code and a generic message, never a stack.
      logger.error({ err: error, method }, 'IPC handler failed');
      return failure(new ApiError('internal', `${method} failed; the log has the details`));
    }
  }

  /** Per renderer: the events it listens to, each with the disposer of its core subscription. */
  const subscriptions = new Map<number, { contents: Subscriber; byEvent: Map<EventName, Dispose> }>();

  function dropAll(contentsId: number): void {
    const entry = subscriptions.get(contentsId);
    if (!entry) return;
    for (const dispose of entry.byEvent.values()) dispose();
    subscriptions.delete(contentsId);
  }

  function entryFor(contents: Subscriber): { contents: Subscriber; byEvent: Map<EventName, Dispose> } {
    let entry = subscriptions.get(contents.id);
    if (!entry) {
      entry = { contents, byEvent: new Map() };
      subscriptions.set(contents.id, entry);
      // A closed window or a crashed renderer must not leave core listeners behind.
      contents.once('destroyed', () => dropAll(contents.id));
    }
    return entry;
  }

  function subscribe(event: IpcMainEvent, eventName: unknown, active: unknown): void {
    const url = senderUrl(event);
    if (!isTrustedSender(url)) {
      logger.warn({ senderUrl: url }, 'IPC subscription refused: sender is not the Sietch renderer');
      return;
    }
    if (typeof eventName !== 'string' || !isEventName(eventName)) {
      logger.warn({ event: String(eventName) }, 'IPC subscription refused: unknown event');
      return;
    }
    const contents = event.sender as Subscriber;
    if (contents.isDestroyed()) return;
    const entry = entryFor(contents);
    if (active === false) {
      entry.byEvent.get(eventName)?.();
      entry.byEvent.delete(eventName);
      return;
    }
    if (entry.byEvent.has(eventName)) return; // one core subscription per renderer and event; the preload fans out
    const dispose = events.on(eventName, (payload) => {
      if (contents.isDestroyed()) return;
      contents.send(IPC_EVENT_CHANNEL, eventName, encodeEvent(eventName, payload as never));
    });
    entry.byEvent.set(eventName, dispose);
  }

  ipcMain.handle(IPC_INVOKE_CHANNEL, invoke);
  ipcMain.on(IPC_SUBSCRIBE_CHANNEL, subscribe);
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    ipcMain.removeListener(IPC_SUBSCRIBE_CHANNEL, subscribe);
    for (const id of [...subscriptions.keys()]) dropAll(id);
  };
}
