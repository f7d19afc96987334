// The server's data folder holds the local CA's private key: the server keeps it out of git (a .gitignore of `*` in
// it, never replacing one the user wrote), and .dockerignore keeps it out of images.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listeningUrls, startServerProcess } from '../support/server-process.js';

async function startAndStop(dataDir: string): Promise<void> {
  const server = startServerProcess({}, dataDir);
  await listeningUrls(server);
  server.child.kill('SIGTERM');
  await server.exited;
}

it('makes its data folder with a .gitignore of `*` beside the CA key, and keeps a .gitignore already there', async () => {
  const root = await mkdtemp(join(tmpdir(), 'mdmsim-data-'));
  const fresh = join(root, 'project', '.mdmsim');
  const own = join(root, 'own');
  await mkdir(own);
  await writeFile(join(own, '.gitignore'), 'tls/ca-key.pem\n');
  await Promise.all([startAndStop(fresh), startAndStop(own)]);
  expect(await readFile(join(fresh, 'tls', 'ca-key.pem'), 'utf8')).toContain('PRIVATE KEY');
  const ignore = (await readFile(join(fresh, '.gitignore'), 'utf8')).split('\n');
  expect(ignore).toContain('*');
  expect(await readFile(join(own, '.gitignore'), 'utf8')).toBe('tls/ca-key.pem\n');
}, 60_000);

it('leaves the data folder out of the Docker build context', async () => {
  const lines = (await readFile('.dockerignore', 'utf8')).split('\n').map((line) => line.trim());
  expect(lines).toContain('.mdmsim');
});
