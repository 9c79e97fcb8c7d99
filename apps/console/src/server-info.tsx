import { createContext, useContext, type ReactNode } from 'react';
import { request } from './graphql/client.js';
import { ServerInfoDocument, type ServerInfoQuery } from './graphql/generated.js';
import { useQuery } from './graphql/use-query.js';

type ServerInfo = ServerInfoQuery['serverInfo'];
const Context = createContext<ServerInfo>({ billingEnabled: false, mailMode: 'local' });

/** How this server is set up (billing on or off, where mail goes), loaded once for every screen. */
export function ServerInfoProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(() => request(ServerInfoDocument).then((d) => d.serverInfo));
  return <Context.Provider value={data ?? { billingEnabled: false, mailMode: 'local' }}>{children}</Context.Provider>;
}

export const useServerInfo = () => useContext(Context);
