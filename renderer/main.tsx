import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { call } from './api/client';
import { queryClient } from './api/queries';
import { chooseLanguage, I18nProvider } from './i18n';
import './styles.css';

/** The remembered language, or null when the backend does not answer in time (the system locale decides). */
async function rememberedLanguage() {
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), 2000));
  return Promise.race([call('settings.getLanguage', {}).catch(() => null), timeout]);
}

// ?lang=pseudo (the untranslated-text test) only in browser mode, never in the desktop window.
void rememberedLanguage().then((remembered) => {
  const initial = chooseLanguage(location.search, remembered, navigator.language, !window.uia);
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={queryClient}><I18nProvider initial={initial}><App /></I18nProvider></QueryClientProvider>,
  );
});
