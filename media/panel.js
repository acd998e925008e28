// Score panel webview script. Loaded with the page's CSP nonce; no inline code anywhere.
// The extension posts {type:'update', html} with the new, already escaped panel content
// (rendered by client/src/panel/html.ts); rows post {type:'open', uri, range} back, the export
// buttons {type:'export', format}.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');

  function focusedKey() {
    const el = document.activeElement;
    return el && el.getAttribute ? el.getAttribute('data-key') : null;
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || msg.type !== 'update' || typeof msg.html !== 'string' || !root) return;
    const key = focusedKey();
    const scrollY = window.scrollY;
    root.innerHTML = msg.html;
    window.scrollTo(0, scrollY);
    if (key) {
      for (const el of root.querySelectorAll('[data-key]')) {
        if (el.getAttribute('data-key') === key) {
          el.focus();
          break;
        }
      }
    }
  });

  function int(el, name) {
    const n = Number.parseInt(el.getAttribute(name) || '0', 10);
    return Number.isFinite(n) ? n : 0;
  }

  document.addEventListener('click', (event) => {
    const exportButton = event.target instanceof Element ? event.target.closest('[data-export]') : null;
    if (exportButton) {
      event.preventDefault();
      vscode.postMessage({ type: 'export', format: exportButton.getAttribute('data-export') });
      return;
    }
    const target = event.target instanceof Element ? event.target.closest('[data-open]') : null;
    if (!target) return;
    event.preventDefault();
    vscode.postMessage({
      type: 'open',
      uri: target.getAttribute('data-uri'),
      range: {
        start: { line: int(target, 'data-start-line'), character: int(target, 'data-start-character') },
        end: { line: int(target, 'data-end-line'), character: int(target, 'data-end-character') },
      },
    });
  });

  vscode.postMessage({ type: 'ready' });
})();
