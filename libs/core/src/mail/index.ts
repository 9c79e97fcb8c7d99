export * from './mail-outbox.js';
export * from './mail-suppressions.js';
export * from './mail.module.js';
export * from './outgoing-mail.js';
export { escapeHtml } from './render-dev-mail.js';
