import { createContext, useContext, type ReactNode } from 'react';
import type { SietchClient } from '../../../electron/contract/client';

const ClientContext = createContext<SietchClient | null>(null);

/** Hands the one client, created at start-up, to every component below. */
export function ClientProvider({ client, children }: { client: SietchClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): SietchClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>: the client is created in main.tsx');
  return client;
}
