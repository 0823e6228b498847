// The server the client benchmarks send to: it drains the body and answers like TF Serving for the
// 1000-row batch of the `vectors` signature, so the clients' own work is what is compared.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startAnswerServer(): Promise<{ base: string; server: Server }> {
  const answer = JSON.stringify({ outputs: Array.from({ length: 1000 }, (_, i) => i / 7) });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
