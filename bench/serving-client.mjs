// The serving benchmark's client, run as its own process (as a trading engine would be), so the
// server's event loop and heap are not shared with the code that measures it. Sends the same
// POST /predict body `warmup + repeats` times, one at a time, over one kept-alive connection, and
// prints the round-trip times (ms) of the measured requests as JSON.
import * as fs from 'node:fs';
import * as http from 'node:http';

const [url, bodyFile, warmup, repeats] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL('/predict', url);

function once() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const elapsed = performance.now() - start;
        if (res.statusCode !== 200) reject(new Error(`/predict answered ${res.statusCode}: ${Buffer.concat(chunks)}`));
        else { JSON.parse(Buffer.concat(chunks).toString('utf8')); resolve(elapsed); }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const times = [];
for (let i = 0; i < Number(warmup) + Number(repeats); i++) {
  const ms = await once();
  if (i >= Number(warmup)) times.push(ms);
}
agent.destroy();
process.stdout.write(JSON.stringify(times));
