import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { startDataFeeds } from './app/start-data-feeds';
import { ClientProvider } from './client/client-context';
import { browserEnvironment, createClient } from './client/pick-client';
import { readPreferences } from './features/settings/preferences';
import { applySettings, browserStorage } from './features/settings/settings-effects';
import { useSettingsStore } from './features/settings/store';
import { createI18n } from './i18n/i18n';

// Start-up, in order: settings first (so the first paint has the right language and theme),
// then the one client, then the stores' data feeds, then React.
const storage = browserStorage();
const preferences = readPreferences(storage, navigator.language);
useSettingsStore.setState(preferences);
const i18n = createI18n(preferences.language);
applySettings(i18n, storage);

const { client, details } = createClient(browserEnvironment());
startDataFeeds(client, details);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={client}>
        <App />
      </ClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
