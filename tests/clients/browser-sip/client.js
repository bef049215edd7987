// JsSIP (npm) in Debian's headless Chromium, driven by playwright-core: a browser SIP client over ws:// or wss://.
// It registers, publishes a PIDF, subscribes to its own presence and waits for the NOTIFY that carries it, sends a
// MESSAGE, then waits for a MESSAGE sent to it. Every step is printed as one JSON line; the exit code is 0 when every
// step succeeded. The integration tests run it (tests/SimpleActors.Integration.Tests/RealClients/BrowserSipTests.cs).
//
//   node client.js --url ws://127.0.0.1:8080 --user alice --password alice-secret --domain example.com \
//     --to sip:bob@example.com --text "hello bob" --note "in the browser" [--chromium /usr/bin/chromium]
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

function options() {
  const args = process.argv.slice(2);
  const values = { chromium: '/usr/bin/chromium', wait: '30000' };
  for (let i = 0; i < args.length; i += 2) {
    values[args[i].replace(/^--/, '')] = args[i + 1];
  }
  for (const name of ['url', 'user', 'password', 'domain', 'to', 'text', 'note']) {
    if (!values[name]) {
      throw new Error(`--${name} is required`);
    }
  }
  return values;
}

// JsSIP ships CommonJS only: its modules and their dependencies are wrapped here into one script for the page, each
// under its file name, with a require() that resolves as Node does (a package's "browser" entry first).
function bundle(entries) {
  const nodeModules = path.join(__dirname, 'node_modules');
  const resolve = (request, from) => {
    if (request.startsWith('.')) {
      return require.resolve(path.resolve(path.dirname(from), request));
    }
    const folder = path.join(nodeModules, request.split('/')[0]);
    if (request.includes('/')) {
      return require.resolve(path.join(nodeModules, request));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const entry = typeof manifest.browser === 'string' ? manifest.browser : manifest.main || 'index.js';
    return require.resolve(path.join(folder, entry));
  };
  const modules = new Map();
  const queue = entries.map((entry) => ({ id: resolve(entry, __filename), name: entry }));
  const names = {};
  for (const { id, name } of queue) {
    names[name] = id;
  }
  while (queue.length > 0) {
    const { id } = queue.pop();
    if (modules.has(id)) {
      continue;
    }
    let code = fs.readFileSync(id, 'utf8');
    const dependencies = {};
    if (id.endsWith('.json')) {
      code = `module.exports = ${code};`;
    } else {
      for (const match of code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const target = resolve(match[1], id);
        dependencies[match[1]] = target;
        queue.push({ id: target });
      }
    }
    modules.set(id, { code, dependencies });
  }
  const definitions = [...modules].map(([id, { code, dependencies }]) =>
    `${JSON.stringify(id)}: [function (module, exports, require) {\n${code}\n}, ${JSON.stringify(dependencies)}]`);
  return `(function () {
  const definitions = {${definitions.join(',\n')}};
  const names = ${JSON.stringify(names)};
  const cache = {};
  function load(id) {
    if (cache[id]) { return cache[id].exports; }
    const module = { exports: {} };
    cache[id] = module;
    const [factory, dependencies] = definitions[id];
    factory(module, module.exports, (request) => load(dependencies[request]));
    return module.exports;
  }
  window.sipRequire = (name) => load(names[name]);
})();`;
}

// Runs in the page: every step of the client, as a list of results.
async function clientSteps(o) {
  const JsSIP = window.sipRequire('jssip');
  if (o.debug) { JsSIP.debug.enable('JsSIP:*'); }
  const SIPMessage = window.sipRequire('jssip/lib/SIPMessage');
  const RequestSender = window.sipRequire('jssip/lib/RequestSender');
  const steps = [];
  const aor = `sip:${o.user}@${o.domain}`;
  const within = (promise, ms, what) => Promise.race([
    promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);

  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(o.url)],
    uri: aor,
    password: o.password,
    register: false,
    register_expires: 600,
    session_timers: false,
  });
  const received = new Promise((resolve) => {
    ua.on('newMessage', (e) => {
      if (e.originator === 'remote') {
        resolve({ from: e.request.from.uri.toString(), body: e.request.body });
      }
    });
  });
  try {
    const registered = new Promise((resolve) => {
      ua.on('registered', (e) => resolve({ status: e.response.status_code, contact: e.response.getHeader('contact') }));
      ua.on('registrationFailed', (e) => resolve({ status: e.response ? e.response.status_code : 0, cause: e.cause }));
    });
    const connected = new Promise((resolve) => ua.on('connected', resolve));
    ua.start();
    await within(connected, 15000, 'WebSocket connection');
    ua.register();
    steps.push({ step: 'REGISTER', ...(await within(registered, 15000, 'REGISTER answer')) });

    // PUBLISH (RFC 3903): JsSIP has no publisher; its request and request sender (which answers the digest challenge) do.
    const pidf = `<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}">` +
      `<tuple id="browser"><status><basic>open</basic></status><note>${o.note}</note></tuple></presence>`;
    const published = await within(new Promise((resolve) => {
      const request = new SIPMessage.OutgoingRequest('PUBLISH', ua.normalizeTarget(aor), ua, null,
        ['Event: presence', 'Expires: 600', 'Content-Type: application/pidf+xml'], pidf);
      new RequestSender(ua, request, {
        onRequestTimeout: () => resolve({ status: 408 }),
        onTransportError: () => resolve({ status: 503 }),
        onReceiveResponse: (response) => { if (response.status_code >= 200) { resolve({ status: response.status_code }); } },
      }).send();
    }), 15000, 'PUBLISH answer');
    steps.push({ step: 'PUBLISH', ...published });

    // SUBSCRIBE to our own presence (RFC 3856); the NOTIFY carrying the note is the one we wait for.
    const subscriber = ua.subscribe(aor, 'presence', 'application/pidf+xml', { expires: 600, contentType: 'application/pidf+xml' });
    const notified = new Promise((resolve) => {
      subscriber.on('notify', (isFinal, request, body) => {
        if (body && body.includes(o.note)) {
          resolve({ final: isFinal, state: request.getHeader('subscription-state'), type: request.getHeader('content-type'), body });
        }
      });
    });
    const accepted = new Promise((resolve) => {
      subscriber.on('accepted', () => resolve({ status: 200 }));
      subscriber.on('terminated', (code, reason) => resolve({ status: 0, code, reason }));
    });
    subscriber.subscribe();
    steps.push({ step: 'SUBSCRIBE', ...(await within(accepted, 15000, 'SUBSCRIBE answer')) });
    steps.push({ step: 'NOTIFY', notify: await within(notified, 15000, 'NOTIFY with the note') });

    const sent = await within(new Promise((resolve) => {
      ua.sendMessage(o.to, o.text, {
        eventHandlers: {
          succeeded: (e) => resolve({ status: e.response.status_code }),
          failed: (e) => resolve({ status: e.response ? e.response.status_code : 0, cause: e.cause }),
        },
      });
    }), 15000, 'MESSAGE answer');
    steps.push({ step: 'MESSAGE', ...sent });

    steps.push({ step: 'RECEIVED', ...(await within(received, Number(o.wait), 'MESSAGE for us')) });
    subscriber.terminate();
  } catch (error) {
    steps.push({ step: 'ERROR', error: String(error && error.message || error) });
  } finally {
    ua.stop();
  }
  return steps;
}

async function main() {
  const o = options();
  const browser = await chromium.launch({
    executablePath: o.chromium,
    headless: true,
    // The node's development certificate is self-signed (wss://); the sandbox needs user namespaces, absent as root in CI.
    args: ['--no-sandbox', '--ignore-certificate-errors'],
  });
  let failed = true;
  try {
    const page = await browser.newPage();
    page.on('console', (message) => { if (message.type() === 'error' || process.env.SIP_DEBUG) { process.stderr.write(`console: ${message.text()}\n`); } });
    await page.addScriptTag({ content: bundle(['jssip', 'jssip/lib/SIPMessage', 'jssip/lib/RequestSender']) });
    const steps = await page.evaluate(clientSteps, o);
    for (const step of steps) {
      process.stdout.write(JSON.stringify(step) + '\n');
    }
    const status = (name) => (steps.find((s) => s.step === name) || {}).status;
    failed = steps.some((s) => s.step === 'ERROR') || status('REGISTER') !== 200 || status('MESSAGE') !== 200;
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack || error}\n`);
  process.exit(2);
});
