// An HTTPS front for a plain-HTTP server on loopback, for the load
// benchmarks: Chromium asks for brotli only over HTTPS, and a deployment
// is served over HTTPS, so the benchmarks measure what a host would send.
//   node tls_proxy.mjs PORT TARGET_URL     (BENCH_CERT, BENCH_KEY: PEM files)
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const [,, port, target] = process.argv;
const up = new URL(target);
https.createServer({
  key: fs.readFileSync(process.env.BENCH_KEY), cert: fs.readFileSync(process.env.BENCH_CERT),
}, (req, res) => {
  const fwd = http.request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  fwd.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(fwd);
}).listen(Number(port), '127.0.0.1');
