import { WebSocketServer } from 'ws';

/**
 * The W3 baseline: a bare `ws` server in a process of its own that sends given text frames to every
 * connected socket. The parent (over IPC) sends `{ frames, gapMs }`; each frame goes to every client,
 * then the server waits `gapMs` before the next frame and answers `{ sentAt: [...] }`.
 */
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => process.send!({ port: (server.address() as { port: number }).port }));
process.on('message', async (message: { frames: string[]; gapMs: number }) => {
  const sentAt: number[] = [];
  for (const frame of message.frames) {
    sentAt.push(performance.timeOrigin + performance.now());
    for (const client of server.clients) client.send(frame);
    if (message.gapMs > 0) await new Promise((resolve) => setTimeout(resolve, message.gapMs));
  }
  process.send!({ sentAt });
});
process.on('disconnect', () => process.exit(0));
