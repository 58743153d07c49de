/**
 * The sandboxed frame's entry. Built as one classic script (vite.frame.config.ts), because an
 * opaque-origin document cannot load the app's module scripts without CORS. The page that loads
 * it says what to be with <body data-mode>: "slots" (outputs under the editor's cells), "report" or
 * "slides" (the whole notebook, for /view, /slides and exported HTML).
 */
import '../../ui/theme.css';
import '@observablehq/inputs/dist/index.css';
import './inputs.css';
import './chart-buttons.css';
import { keepFormsFromSubmitting } from './form-submit';
import { closeWebRtc } from './no-webrtc';
import { startPresentation } from './report';
import { startSlots } from './slots';

// Before any notebook code runs: the one way out that the frame's CSP leaves open.
closeWebRtc();
keepFormsFromSubmitting();

const mode = document.body.dataset.mode ?? 'slots';
const root = document.getElementById('cells')!;
if (mode === 'slots') startSlots(root);
else if (mode === 'report' || mode === 'slides') startPresentation(root, mode);
else root.textContent = `unknown frame mode: ${mode}`;
