// The server's parts import one way only: no import cycle between modules, the services never reach the gateway,
// and routes reach the devices through the services, never through the transport.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** Each module's relative imports (type-only ones too: they tie the parts together just the same). */
function importGraph(folder: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(folder)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    graph.set(
      file,
      importedFiles
        .map((imported) => imported.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => relative(ROOT, resolve(ROOT, dirname(file), name.replace(/\.js$/, '.ts')))),
    );
  }
  return graph;
}

/** Every cycle's members (Tarjan's strongly connected components of more than one module, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (stack.includes(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) component.push(member);
      } while (member !== node && member !== undefined);
      if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the server import graph', () => {
  const graph = importGraph('server');

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps the services free of the gateway: they know the transport only as a DeviceChannel', () => {
    const reaching = [...graph]
      .filter(([file]) => file.startsWith('server/services/'))
      .flatMap(([file, imports]) =>
        imports.filter((target) => target.startsWith('server/gateway/')).map((t) => `${file} -> ${t}`),
      );
    expect(reaching).toEqual([]);
  });

  it('leaves the transport to the gateway and the services: routes and metrics go through the services', () => {
    const touching = ['server/sim', 'server/graph', 'server/metrics', 'server/app.ts']
      .flatMap((part) => (part.endsWith('.ts') ? [part] : sourceFiles(part)))
      .filter((file) =>
        /\.(deviceChannel|deviceSessions|sessions)\b|\bDeviceSessions\b/.test(
          readFileSync(join(ROOT, file), 'utf8'),
        ),
      );
    expect(touching).toEqual([]);
  });
});
