// The fan-out baseline: the seed system's live stack (Node.js + the `ws` package, pinned in
// package.json, installed by bench/server/fanout.sh into build/, never committed), speaking just
// enough of PROTOCOL.md for leaguedesk-bench-loadgen to drive it like leaguedesk-server:
// - GET /api/v1/live upgrades with `Authorization: Bearer <token>` (unknown token: 401);
// - {"op":"subscribe","id","channel"} answers `subscribed` for the manager's own team:{id} or, for
//   the admin, any channel; {"op":"ping"} answers pong;
// - POST /api/v1/admin/rounds/{id}/finalize (admin) puts one tiebreaker_created on team:<team>,
//   POST /api/v1/admin/tiebreakers/{id}/resolve (admin) one tiebreaker_resolved: one event per
//   triggering request, encoded once and sent to every subscriber, with seq per channel.
// It has no database: the trigger costs nothing but the fan-out itself.
//
//   node server.js --admin-token A --manager TEAM=TOKEN [--port 0]
// Prints "listening on http://127.0.0.1:PORT" when ready.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
let adminToken = null;
let port = 0;
const managers = new Map(); // token -> team
for (let i = 0; i + 1 < args.length; i += 2) {
  if (args[i] === '--admin-token') adminToken = args[i + 1];
  else if (args[i] === '--port') port = Number(args[i + 1]);
  else if (args[i] === '--manager') {
    const [team, token] = args[i + 1].split('=');
    managers.set(token, team);
  }
}
const epoch = Math.random().toString(36).slice(2, 8);
const channels = new Map(); // channel -> {seq, sockets: Set}

function who(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  if (!m) return null;
  if (m[1] === adminToken) return { admin: true };
  const team = managers.get(m[1]);
  return team ? { admin: false, team } : null;
}

function channel(name) {
  let c = channels.get(name);
  if (!c) { c = { seq: 0, sockets: new Set() }; channels.set(name, c); }
  return c;
}

function publish(name, type, data) {
  const c = channel(name);
  c.seq += 1;
  const frame = JSON.stringify({ op: 'event', channel: name, epoch, seq: c.seq, ts: new Date().toISOString(), type, data });
  for (const ws of c.sockets) ws.send(frame);
}

function json(res, status, body) {
  const bytes = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(bytes) });
  res.end(bytes);
}

const server = http.createServer((req, res) => {
  const caller = who(req);
  if (!caller) return json(res, 401, { error: { code: 'unauthorized', message: 'missing or unknown bearer token' } });
  req.resume();
  req.on('end', () => {
    let m;
    if (req.method === 'POST' && caller.admin && (m = /^\/api\/v1\/admin\/rounds\/([^/]+)\/finalize$/.exec(req.url))) {
      const id = `TB-${m[1]}`;
      for (const name of channels.keys()) {
        if (name.startsWith('team:'))
          publish(name, 'tiebreaker_created', { tiebreaker_id: id, player_id: 'P0009', player_name: 'Baseline',
            participants: [name.slice(5)], starting_amount: 100, deadline: '2099-01-01T00:00:00Z' });
      }
      return json(res, 200, { round: { round_id: m[1] }, acquired: [], tiebreakers: [{ tiebreaker_id: id }] });
    }
    if (req.method === 'POST' && caller.admin && (m = /^\/api\/v1\/admin\/tiebreakers\/([^/]+)\/resolve$/.exec(req.url))) {
      for (const name of channels.keys()) {
        if (name.startsWith('team:'))
          publish(name, 'tiebreaker_resolved', { tiebreaker_id: m[1], status: 'cancelled', winner_team_id: null,
            winner_team_name: null, amount: null });
      }
      return json(res, 200, { tiebreaker: { tiebreaker_id: m[1], status: 'cancelled' } });
    }
    return json(res, 404, { error: { code: 'not_found', message: 'no such route' } });
  });
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) => {
  const caller = who(req);
  if (!caller || req.url !== '/api/v1/live') {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    const mine = new Set();
    ws.on('message', (raw) => {
      let msg;
      try { msg = JSON.parse(raw); } catch { return; }
      if (msg.op === 'ping') return ws.send(JSON.stringify({ op: 'pong', id: msg.id }));
      if (msg.op !== 'subscribe' || typeof msg.channel !== 'string') return;
      if (!caller.admin && msg.channel !== `team:${caller.team}`)
        return ws.send(JSON.stringify({ op: 'error', id: msg.id, code: 'forbidden', message: 'not your channel', channel: msg.channel }));
      const c = channel(msg.channel);
      c.sockets.add(ws);
      mine.add(c);
      ws.send(JSON.stringify({ op: 'subscribed', id: msg.id, channel: msg.channel, epoch, seq: c.seq, recovered: false }));
    });
    ws.on('close', () => { for (const c of mine) c.sockets.delete(ws); });
    ws.on('error', () => {});
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
