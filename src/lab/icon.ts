import { LabIcon } from '@jupyterlab/ui-components';

/** The ML Debt icon: a notebook page with a warning mark, drawn in theme colours. */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <path class="jp-icon3" fill="#616161" d="M6 2h9l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm8 1.5V8h4.5L14 3.5z"/>
  <path class="jp-icon-contrast0" fill="#fff" d="M11 10h2v5h-2zm0 6.5h2v2h-2z"/>
</svg>`;

export const mldebtIcon = new LabIcon({
  name: 'jupyterlab-mldebt:icon',
  svgstr: svg
});
