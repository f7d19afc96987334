// The Kubernetes manifests: every resource valid against the Kubernetes API schemas (kubernetes-models), the
// kustomization's lists pointing at real files, the fleet and scenario valid for mdmsim, and the resource requests
// covering the benchmark's per-device figures for 100,000 devices.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseFleet } from '../../agents/fleet/load-fleet.js';
import { parseScenario } from '../../runner/scenario-file.js';

const DIR = 'deploy/kubernetes';
const DEVICES = 100_000;

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked by the Kubernetes schemas, then read freely.
  spec?: any;
}

/** Validates one object with the kubernetes-models class for its apiVersion and kind; throws with the schema errors. */
async function validate(resource: Resource): Promise<void> {
  const [group, version] = resource.apiVersion.includes('/')
    ? resource.apiVersion.split('/')
    : [undefined, resource.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ''}${version}/${resource.kind}`;
  const Model = (await import(module))[resource.kind] as new (data: unknown) => { validate(): void };
  new Model(resource).validate();
}

async function resourcesOf(file: string): Promise<Resource[]> {
  return parseAllDocuments(await readFile(join(DIR, file), 'utf8')).map((doc) => doc.toJS() as Resource);
}

const kustomization = async () => parseYaml(await readFile(join(DIR, 'kustomization.yaml'), 'utf8'));

const bytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`Unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 2 ** 30 : 2 ** 20);
};

describe('Kubernetes manifests', () => {
  it('lists only files that exist, and every resource is valid against the Kubernetes API schemas', async () => {
    const config = await kustomization();
    expect(config.kind).toBe('Kustomization');
    const files = [
      ...config.resources,
      ...config.secretGenerator.flatMap((generator: { envs: string[] }) => generator.envs),
      ...config.configMapGenerator.flatMap((generator: { files?: string[] }) => generator.files ?? []),
    ];
    for (const file of files) expect(existsSync(join(DIR, file)), file).toBe(true);
    const kinds: string[] = [];
    for (const file of config.resources as string[]) {
      for (const resource of await resourcesOf(file)) {
        await validate(resource);
        kinds.push(resource.kind);
      }
    }
    expect(kinds.sort()).toEqual(
      ['Deployment', 'Job', 'Namespace', 'PersistentVolumeClaim', 'Service', 'Service', 'StatefulSet'].sort(),
    );
  });

  it('the schemas catch a mistake (so a pass means something)', async () => {
    const [deployment] = await resourcesOf('server.yaml');
    const broken = structuredClone(deployment) as Resource;
    broken.spec.template.spec.containers[0].resources.requests.memory = 'two gigs';
    await expect(validate(broken)).rejects.toThrow(/quantity/);
  });

  it.skipIf(!hasKubectl())(
    'renders with kustomize (kubectl kustomize), every rendered object valid',
    async () => {
      const rendered = execFileSync('kubectl', ['kustomize', DIR], { encoding: 'utf8' });
      const resources = parseAllDocuments(rendered).map((doc) => doc.toJS() as Resource);
      for (const resource of resources) await validate(resource);
      expect(resources.map((resource) => resource.kind)).toContain('Secret');
      const job = resources.find((resource) => resource.kind === 'Job');
      // The generated ConfigMap's hashed name is what the Job mounts.
      const scenarios = resources.find(
        (r) => r.kind === 'ConfigMap' && r.metadata.name.startsWith('mdmsim-scenarios'),
      );
      expect(job?.spec.template.spec.volumes[0].configMap.name).toBe(scenarios?.metadata.name);
    },
  );

  it('runs the agents as a StatefulSet whose pod name is the fleet name, and the server behind probes', async () => {
    const [agents] = await resourcesOf('agents.yaml');
    expect(agents?.kind).toBe('StatefulSet');
    const container = agents?.spec.template.spec.containers[0];
    const fleetName = container.env.find((env: { name: string }) => env.name === 'MDMSIM_FLEET_NAME');
    expect(fleetName.valueFrom.fieldRef.fieldPath).toBe('metadata.name');
    expect(agents?.spec.template.metadata.labels).toMatchObject(agents?.spec.selector.matchLabels);
    const [server, , service] = await resourcesOf('server.yaml');
    const probes = server?.spec.template.spec.containers[0];
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      expect(probes[probe].httpGet.path).toBe('/health');
    }
    expect(service?.spec.selector).toEqual(server?.spec.template.metadata.labels);
    expect(server?.spec.replicas).toBe(1);
  });

  it('the fleet and the scenario mounted into the pods are valid for mdmsim', async () => {
    parseFleet(parseYaml(await readFile(join(DIR, 'fleet.yaml'), 'utf8')), 'fleet.yaml');
    const file = join(DIR, 'scenarios', 'remove-passcode-smoke.yaml');
    expect(parseScenario(await readFile(file, 'utf8'), file).scenario.steps.length).toBeGreaterThan(0);
  });

  it('requests cover the per-device figures of the benchmark for 100,000 devices', async () => {
    const bench = JSON.parse(await readFile('bench-results/15000-devices.json', 'utf8'));
    const perDevice = (part: { baselineRssBytes: number; afterResetRssBytes: number }) =>
      (part.afterResetRssBytes - part.baselineRssBytes) / bench.devices;
    const fleet = parseYaml(await readFile(join(DIR, 'fleet.yaml'), 'utf8')) as {
      devices: { count: number }[];
    };
    const devicesPerPod = fleet.devices.reduce((sum, device) => sum + device.count, 0);
    const [agents] = await resourcesOf('agents.yaml');
    expect(agents?.spec.replicas * devicesPerPod).toBe(DEVICES);

    const [server] = await resourcesOf('server.yaml');
    const serverNeeds = bench.mdmsim.server.baselineRssBytes + DEVICES * perDevice(bench.mdmsim.server);
    const serverRequest = bytes(server?.spec.template.spec.containers[0].resources.requests.memory);
    expect(serverRequest).toBeGreaterThanOrEqual(serverNeeds);
    expect(serverRequest).toBeLessThan(serverNeeds * 1.5);

    const agentNeeds = bench.mdmsim.agents.baselineRssBytes + devicesPerPod * perDevice(bench.mdmsim.agents);
    const agentRequest = bytes(agents?.spec.template.spec.containers[0].resources.requests.memory);
    expect(agentRequest).toBeGreaterThanOrEqual(agentNeeds);
    expect(agentRequest).toBeLessThan(agentNeeds * 1.5);
  });
});

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
