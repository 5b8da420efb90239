import type { ConnectionState, Dispose, SietchClient } from '../../../electron/contract/client';
import type { ConnectionDetails } from '../client/pick-client';
import { bindChainFeed, reloadChain } from '../features/chain/chain-feed';
import { bindConnection } from '../features/connection/bind-connection';
import { bindFinanceFeed, reloadFinance } from '../features/finance/finance-feed';
import { bindBooksFeed } from '../features/finance/books-feed';
import { loadTab } from '../features/finance/books-store';
import { bindFleetFeed, reloadFleet } from '../features/fleet/fleet-feed';
import { bindGpuEvidenceFeed, reloadGpuEvidence } from '../features/gpu-evidence/gpu-evidence-feed';
import { loadHostInventory, receiveHostInventory } from '../features/host/store';
import { bindInventoryFeed, reloadInventory } from '../features/inventory/inventory-feed';
import { bindNodeFeed, reloadNode } from '../features/node/node-feed';
import { bindRobotsFeed, reloadRobots } from '../features/robots/robots-feed';
import { loadSystemInfo, receiveJournalAppended } from '../features/system/store';

/**
 * Wires every store to the client once, at start-up: initial loads, the server's pushed
 * events, and a reload after a reconnect, because events sent while we were away are lost.
 */
export function startDataFeeds(client: SietchClient, details: ConnectionDetails): Dispose {
  const loadAll = (): void => {
    void loadHostInventory(client);
    void loadSystemInfo(client);
    reloadInventory(client);
    reloadNode(client);
    reloadChain(client);
    reloadRobots(client);
    reloadFinance(client);
    void loadTab(client);
    reloadFleet(client);
    reloadGpuEvidence(client);
  };

  const disposers: Dispose[] = [
    bindConnection(client, details),
    client.subscribe('onHostInventoryChanged', receiveHostInventory),
    client.subscribe('onJournalAppended', receiveJournalAppended),
    bindInventoryFeed(client),
    bindNodeFeed(client),
    bindChainFeed(client),
    bindRobotsFeed(client),
    bindFinanceFeed(client),
    bindBooksFeed(client),
    bindFleetFeed(client),
    bindGpuEvidenceFeed(client),
    client.onConnectionChange(reloadAfterReconnect(loadAll)),
  ];
  loadAll();
  return () => disposers.forEach((dispose) => dispose());
}

/**
 * A state listener that calls `reload` each time the event stream (re)connects: after a loss,
 * and after the first connection too, since the start-up loads may have raced events pushed
 * before the socket was open.
 */
export function reloadAfterReconnect(reload: () => void): (state: ConnectionState) => void {
  let lost = false;
  return (state) => {
    if (state === 'connecting' || state === 'reconnecting' || state === 'offline') lost = true;
    else if (state === 'connected' && lost) {
      lost = false;
      reload();
    }
  };
}
