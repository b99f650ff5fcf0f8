// DevTools access to PAT Guard's offscreen document (Chrome, Edge), for clipboard tests that
// must act at an exact point inside the real document. Playwright does not expose offscreen
// documents as pages (Chromium lists them as target type "background_page"), and
// browser-level auto-attach needs flat sessions, which Playwright's CDPSession cannot address.
// So the test attaches to the running document with a non-flat session from the browser-level
// CDP session and talks to it through Target.sendMessageToTarget (`attachNonFlat`, which
// no-trace.test.mjs also uses to read the document's console).
//
// The hooks installed by `installClipboardHooks` wrap, never replace, what the document calls:
// every call still reaches the browser's own crypto.subtle.digest, chrome.runtime.sendMessage
// and document.execCommand, except where a test asks to hold a call (it then runs when the
// test releases it) or to refuse a paste (execCommand then returns false, as Chromium does when
// the extension may not read the clipboard).

/**
 * A non-flat DevTools session to `targetId`, driven through `cdp` (a browser-level or page
 * session): `send` resolves with the target's reply message ({id, result} or {id, error}),
 * `onEvent` hears the target's events, `failPending` rejects every call still unanswered.
 */
export async function attachNonFlat(cdp, targetId) {
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const calls = new Map();
  const listeners = [];
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const message = JSON.parse(e.message);
    const call = calls.get(message.id);
    if (call) {
      calls.delete(message.id);
      call.resolve(message);
    } else if (message.method) listeners.forEach((listener) => listener(message));
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      const answer = new Promise((resolve, reject) => calls.set(id, { resolve, reject }));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e) => {
        calls.get(id)?.reject(e);
        calls.delete(id);
      });
      return answer;
    },
    onEvent: (listener) => listeners.push(listener),
    failPending(error) {
      for (const { reject } of calls.values()) reject(error);
      calls.clear();
    },
  };
}

/** Attaches to the one open offscreen document of `context`'s extension. */
export async function attachOffscreen(context) {
  const cdp = await context.browser().newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.url.startsWith('chrome-extension://') && new URL(t.url).pathname === '/offscreen.html');
  if (!target) throw new Error(`no offscreen document is open: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);

  let closedAt = null;
  let onClosed;
  const closed = new Promise((resolve) => {
    onClosed = resolve;
  });
  let session = null;
  const markClosed = () => {
    if (closedAt !== null) return;
    closedAt = Date.now();
    session?.failPending(new Error('the offscreen document was closed'));
    onClosed(closedAt);
  };
  cdp.on('Target.targetDestroyed', (e) => e.targetId === target.targetId && markClosed());
  cdp.on('Target.detachedFromTarget', (e) => e.targetId === target.targetId && markClosed());
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  session = await attachNonFlat(cdp, target.targetId);

  async function send(method, params) {
    if (closedAt !== null) throw new Error('the offscreen document was closed');
    const reply = await session.send(method, params);
    if (reply.error) throw new Error(reply.error.message);
    return reply.result;
  }

  /** Evaluates `expression` in the document's page world; awaits a promise; returns its JSON value. */
  async function evaluate(expression) {
    const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`in the offscreen document: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }

  return {
    targetId: target.targetId,
    evaluate,
    /** Resolves (with the time) once the document is closed. */
    closed,
    isOpen: () => closedAt === null,
    detach: () => cdp.detach().catch(() => {}),
  };
}

/**
 * Wraps crypto.subtle.digest, chrome.runtime.sendMessage and document.execCommand in the
 * document (see the header). Controls, evaluated through `doc.evaluate`:
 *   __pgHooks.holdNextDigest = true        the next digest call waits for releaseDigest()
 *   __pgHooks.holdNextResult = true        the next {type:'offscreen.result'} waits for releaseResult()
 *   __pgHooks.refusePaste = true           execCommand('paste') returns false
 *   __pgHooks.when(name, n)                resolves once `name` ('digest', 'digestHeld',
 *                                          'result', 'resultHeld', 'paste') happened n times
 *   __pgHooks.results                      the results the document sent, in order
 */
export async function installClipboardHooks(doc) {
  await doc.evaluate(`(() => {
    const counts = { digest: 0, digestHeld: 0, result: 0, resultHeld: 0, paste: 0 };
    const waiters = [];
    const happened = (name) => {
      counts[name]++;
      for (const w of waiters.splice(0)) {
        if (counts[w.name] >= w.n) w.resolve(counts[w.name]);
        else waiters.push(w);
      }
    };
    const hooks = {
      holdNextDigest: false,
      holdNextResult: false,
      refusePaste: false,
      results: [],
      counts,
      when: (name, n) => new Promise((resolve) => (counts[name] >= n ? resolve(counts[name]) : waiters.push({ name, n, resolve }))),
    };

    const subtle = crypto.subtle;
    const digest = subtle.digest.bind(subtle);
    subtle.digest = (...args) => {
      happened('digest');
      if (!hooks.holdNextDigest) return digest(...args);
      hooks.holdNextDigest = false;
      return new Promise((resolve) => {
        // Resolves once the real digest and everything its awaiters run next are done.
        hooks.releaseDigest = () => {
          delete hooks.releaseDigest;
          const real = digest(...args);
          resolve(real);
          return real.then(() => new Promise((done) => setTimeout(done, 0)));
        };
        happened('digestHeld');
      });
    };

    const runtime = chrome.runtime;
    const sendMessage = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (msg, ...rest) => {
      if (msg?.type !== 'offscreen.result') return sendMessage(msg, ...rest);
      hooks.results.push(msg);
      happened('result');
      if (!hooks.holdNextResult) return sendMessage(msg, ...rest);
      hooks.holdNextResult = false;
      return new Promise((resolve, reject) => {
        hooks.releaseResult = () => {
          delete hooks.releaseResult;
          sendMessage(msg, ...rest).then(resolve, reject);
          return true;
        };
        happened('resultHeld');
      });
    };

    const execCommand = document.execCommand.bind(document);
    document.execCommand = (command, ...rest) => {
      if (command !== 'paste') return execCommand(command, ...rest);
      happened('paste');
      return hooks.refusePaste ? false : execCommand(command, ...rest);
    };

    globalThis.__pgHooks = hooks;
  })()`);
}
