import { Route, Routes } from 'react-router';
import { ServerInfoProvider } from './server-info.js';
import { Shell } from './shell.js';

export function App() {
  return (
    <ServerInfoProvider>
      <Routes>
        <Route path="*" element={<Shell />} />
      </Routes>
    </ServerInfoProvider>
  );
}
