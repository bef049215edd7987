'use strict';
// A SIP client built on the npm `sip` package (0.0.6), driven by the integration tests (RealClientNpmSipTests) against a
// node started with the shipped configuration. As one user it:
//   1. REGISTERs its UDP address (RFC 3261 section 10),
//   2. PUBLISHes a PIDF document with a note (RFC 3903),
//   3. SUBSCRIBEs to its own presence and waits for the NOTIFY that carries the note (RFC 3856, RFC 6665),
//   4. sends a MESSAGE to another user (RFC 3428),
// answering every 401/407 with the package's own digest code (digest.signRequest). Each step prints one JSON line
// {"step", "status", ...}; the NOTIFY line carries the PIDF it received. Exits 0 when every step got a 2xx, 1 otherwise.
//
// node client.js --server 127.0.0.1:5060 --user alice --password alice-secret --domain example.com
//                --local-port 15910 --to sip:bob@example.com --text 'hello' --note 'at the desk'

const sip = require('sip');
const digest = require('sip/digest');

function option(name, fallback) {
  const at = process.argv.indexOf('--' + name);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback === undefined) throw new Error('missing --' + name);
  return fallback;
}

const server = option('server');
const user = option('user');
const password = option('password');
const domain = option('domain', 'example.com');
const localPort = Number(option('local-port'));
const to = option('to');
const text = option('text', 'hello from npm sip');
const note = option('note', 'npm sip was here');

const aor = `sip:${user}@${domain}`;
const contact = `sip:${user}@127.0.0.1:${localPort}`;
const callId = `${Math.floor(Math.random() * 1e9)}@npm-sip`;
const fromTag = String(Math.floor(Math.random() * 1e9));
let cseq = 1;

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

let notified;
const notify = new Promise((resolve) => { notified = resolve; });

// Requests the node sends us: NOTIFYs of our subscription, a MESSAGE for us. (Our Via names 'localhost': the package
// takes a request whose next hop is its own host name for one of its flow tokens.)
sip.start({ address: '127.0.0.1', port: localPort, tcp: false, publicAddress: 'localhost' }, (rq) => {
  sip.send(sip.makeResponse(rq, 200, 'OK'));
  if (rq.method === 'NOTIFY' && rq.content && rq.content.includes(note)) {
    notified({ state: rq.headers['subscription-state'], type: rq.headers['content-type'], body: rq.content });
  }
});

// Sends a request through the node (a loose Route to it: the Request-URI names our domain, which does not resolve
// here) and answers one digest challenge; resolves with the final response.
function send(method, uri, headers, content) {
  const request = {
    method,
    uri,
    headers: Object.assign({
      to: { uri: method === 'REGISTER' ? aor : uri },
      from: { uri: aor, params: { tag: fromTag } },
      'call-id': method === 'REGISTER' ? callId : `${Math.floor(Math.random() * 1e9)}@npm-sip`,
      cseq: { method, seq: cseq++ },
      route: [{ uri: `sip:${server};lr` }],
      'max-forwards': 70,
      'user-agent': 'npm-sip/0.0.6',
    }, headers),
    content: content || '',
  };
  const session = {};
  return new Promise((resolve) => {
    let challenged = false;
    const onResponse = (rs) => {
      if (rs.status < 200) return;
      if ((rs.status === 401 || rs.status === 407) && !challenged) {
        // RFC 3261 section 22.2: the same request again, new branch, CSeq + 1, with credentials.
        challenged = true;
        request.headers.via.shift();
        request.headers.cseq.seq = cseq++;
        request.headers.route = [{ uri: `sip:${server};lr` }];
        digest.signRequest(session, request, rs, { user, password });
        sip.send(request, onResponse);
        return;
      }
      resolve(rs);
    };
    sip.send(request, onResponse);
  });
}

function pidf(status) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${aor}">\n` +
    `  <tuple id="npm"><status><basic>${status}</basic></status><note>${note}</note></tuple>\n` +
    '</presence>\n';
}

async function main() {
  const registered = await send('REGISTER', `sip:${domain}`, { contact: [{ uri: contact }], expires: 600 });
  print({ step: 'REGISTER', status: registered.status, contact: registered.headers.contact });

  const published = await send('PUBLISH', aor, { event: 'presence', expires: 600, 'content-type': 'application/pidf+xml' }, pidf('open'));
  print({ step: 'PUBLISH', status: published.status, etag: published.headers['sip-etag'] });

  const subscribed = await send('SUBSCRIBE', aor, { event: 'presence', expires: 600, accept: 'application/pidf+xml', contact: [{ uri: contact }] });
  print({ step: 'SUBSCRIBE', status: subscribed.status });
  const received = await Promise.race([notify, new Promise((resolve) => setTimeout(() => resolve(null), 20000))]);
  print({ step: 'NOTIFY', status: received ? 200 : 0, notify: received });

  const message = await send('MESSAGE', to, { 'content-type': 'text/plain' }, text);
  print({ step: 'MESSAGE', status: message.status });

  const ok = [registered, published, subscribed, message].every((rs) => rs.status >= 200 && rs.status < 300) && received;
  sip.stop();
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  print({ step: 'error', status: 0, error: String(e && e.stack || e) });
  process.exit(1);
});
