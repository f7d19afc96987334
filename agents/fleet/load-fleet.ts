// Reads a fleet file (YAML or JSON) and validates it, naming the file and the place of every mistake.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { FleetSpec } from './fleet-spec.js';

export class FleetFileError extends Error {
  override name = 'FleetFileError';
}

export function parseFleet(value: unknown, source: string): FleetSpec {
  const parsed = FleetSpec.safeParse(value);
  if (!parsed.success) {
    throw new FleetFileError(`${source} is not a valid fleet:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export async function loadFleetFile(path: string): Promise<FleetSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FleetFileError(`Cannot read fleet file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new FleetFileError(`${path} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  return parseFleet(value, path);
}
