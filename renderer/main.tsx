import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { queryClient } from './api/queries';
import { chooseLanguage, I18nProvider, lastRemembered } from './i18n';
import './styles.css';

// First paint in the language remembered at the last launch (kept in localStorage as well), corrected by
// the backend's settings once they answer (I18nProvider). ?lang=pseudo (the untranslated-text test) only
// in browser mode, never in the desktop window.
const initial = chooseLanguage(location.search, lastRemembered(), navigator.language, !window.uia);
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}><I18nProvider initial={initial}><App /></I18nProvider></QueryClientProvider>,
);
