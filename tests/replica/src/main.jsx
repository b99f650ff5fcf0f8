// Entry point: read the variant from the URL, apply language and theme, mount the page.
import 'azure-devops-ui/Core/override.css';
import './replica.css';
import ReactDOM from 'react-dom';
import { App } from './App.jsx';
import { readVariant } from './variants.js';
import { createStore } from './store.js';
import { applyTheme } from './theme.js';

function start() {
  const variant = readVariant();
  document.documentElement.lang = variant.lang;
  applyTheme(variant.theme);
  const store = createStore(variant);
  ReactDOM.render(<App variant={variant} store={store} />, document.getElementById('root'));
}

// The bundle is loaded with `defer`, so the DOM (incl. #root) is already parsed here.
start();
