// Fonts and base styles first, so every later stylesheet can rely on them.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import './app/styles/global.css';
// Wired once for the whole app.
import './lib/i18n';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadScreen } from './app/app-routes';
import { createApolloClient } from './lib/apollo';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// The screen's code loads while the session is checked, not after.
preloadScreen(window.location.pathname);

createRoot(container).render(<App client={createApolloClient()} />);
