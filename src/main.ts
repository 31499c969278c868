import { mount } from 'svelte';
import App from './App.svelte';
import { fenceConnections } from './share/csp';
import './app/theme.css';

// First: narrow the network fence to this page's own site and its ?data= origins (src/share/csp.ts).
fenceConnections(document, location.search, location.href);
mount(App, { target: document.getElementById('app')! });
