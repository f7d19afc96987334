// The workflow examples are valid GitHub Actions workflows (GitHub's own parser and schema, offline) and do what the
// README says: tests, compose, scenarios, a JUnit report uploaded; the GitLab example is well-formed.
import { readFile } from 'node:fs/promises';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors;
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((error) => error.Message);
}

const WORKFLOWS = ['.github/workflows/ci.yml', 'docs/ci/github-actions.yml'];

describe('GitHub Actions workflows', () => {
  it.each(WORKFLOWS)('%s passes the workflow schema', async (file) => {
    expect(await workflowErrors(file, await readFile(file, 'utf8'))).toEqual([]);
  });

  it('the validator catches a mistake (so a pass means something)', async () => {
    const broken = (await readFile(WORKFLOWS[1] as string, 'utf8')).replace('runs-on:', 'run-on:');
    expect((await workflowErrors('broken.yml', broken)).join('\n')).toMatch(/run-on|runs-on/);
  });

  it("this repository's workflow tests on Node 20 and 22 and runs the compose suite, uploading its JUnit", async () => {
    const text = await readFile('.github/workflows/ci.yml', 'utf8');
    const workflow = parse(text);
    expect(workflow.jobs.test.strategy.matrix.node).toEqual(['20.19', '22']);
    expect(text).toContain('docker/compose-suite.sh');
    expect(text).toContain('test-results/junit.xml');
  });

  it("the users' workflow starts the server with compose, runs their scenarios with annotations, uploads JUnit", async () => {
    const text = await readFile('docs/ci/github-actions.yml', 'utf8');
    expect(text).toContain('docker compose -f mdmsim/compose.yml up');
    expect(text).toMatch(/npx mdmsim scenario scenarios\//);
    expect(text).toContain('--reporter github');
    expect(text).toContain('--junit test-results/junit.xml');
    expect(text).toContain('actions/upload-artifact');
    const compose = parse(await readFile('docs/ci/compose.yml', 'utf8'));
    expect(compose.services.mdmsim.build.dockerfile_inline).toContain('FROM node:22');
    expect(compose.services.mdmsim.healthcheck.test).toBeDefined();
  });
});

describe('GitLab CI example', () => {
  it('is YAML with a job that runs the scenarios and reports JUnit', async () => {
    const config = parse(await readFile('docs/ci/gitlab-ci.yml', 'utf8'));
    const job = config['mdmsim-scenarios'];
    expect(job.services[0].alias).toBe('mdmsim');
    expect(job.script.join('\n')).toContain('npx mdmsim scenario scenarios/ --server http://mdmsim:8080');
    expect(job.artifacts.reports.junit).toBe('test-results/junit.xml');
  });
});
