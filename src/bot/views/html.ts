export { escapeHtml, starBar } from '../../services/html.js';
