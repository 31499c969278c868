import { mount } from 'svelte';
import App from './App.svelte';
import { fenceConnections } from './share/csp';
import { initPrefs } from './i18n/prefs.svelte';
// Vazirmatn covers Persian and Arabic (and Latin); bundled, served from this site (no font CDN).
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './app/theme.css';

// First: narrow the network fence to this page's own site and its ?data= origins (src/share/csp.ts).
fenceConnections(document, location.search, location.href);
// The language (?lang=, stored choice, browser), its direction and digits, before anything renders.
initPrefs();
mount(App, { target: document.getElementById('app')! });
