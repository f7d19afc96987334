// The configuration checked against this machine: the files and folders it names are read (or made) before the server
// listens, and a listener's failure is put in terms of HOST or the port; every problem names the setting to change.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';
import { parse as parseYaml } from 'yaml';
import { defaultFleet } from '../agents/fleet/default-fleet.js';
import type { FleetSpec } from '../agents/fleet/fleet-spec.js';
import { loadFleetFile, parseFleet } from '../agents/fleet/load-fleet.js';
import { loadOrCreateDeviceKey } from '../agents/runtime/device-key.js';
import type { ConfigError } from '../lib/env-config.js';
import { ensureLocalTls, type TlsMaterial } from '../lib/tls/local-ca.js';
import {
  invalidConfiguration,
  type ServerConfig,
  type ServerEnv,
  settingName,
  tokenSettingHolding,
} from './config.js';
import { type AppRegistration, loadAppsFile } from './identity/app-registrations.js';
import { readSigningKeys, signingKeyFileOf } from './identity/token-service.js';

/** What the server starts from besides its settings, each read from where the configuration says. */
export interface StartFiles {
  /** The in-process fleet (the demo fleet or MDMSIM_FLEET_FILE), unless MDMSIM_DEFAULT_FLEET is off. */
  fleet: FleetSpec | undefined;
  /** The app registrations of MDMSIM_APPS_FILE, when set. */
  apps: AppRegistration[] | undefined;
  tls: TlsMaterial;
  /** The in-process fleet's key, kept in MDMSIM_DATA_DIR so a restarted server's demo devices are the same devices. */
  deviceKey: string | undefined;
}

/** A problem with one setting, in words a person can act on (never a file's content). */
class Refused extends Error {}

/**
 * Reads the fleet, apps, certificate and key files, checks the store's folder, then makes or reuses what
 * MDMSIM_DATA_DIR keeps, only when nothing before was refused. Throws one ConfigError listing every problem.
 */
export async function loadStartFiles(config: ServerConfig): Promise<StartFiles> {
  const problems: string[] = [];
  const attempt = async <T>(variable: keyof ServerEnv, step: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      problems.push(`${settingName(variable)}: ${await problemOf(error)}`);
      return undefined;
    }
  };
  if (config.MDMSIM_STORE_FILE !== undefined) {
    await attempt('MDMSIM_STORE_FILE', () => checkStoreFile(config.MDMSIM_STORE_FILE as string));
  }
  const fleet = !config.MDMSIM_DEFAULT_FLEET
    ? undefined
    : config.MDMSIM_FLEET_FILE === undefined
      ? parseFleet(defaultFleet, 'the built-in demo fleet')
      : await attempt('MDMSIM_FLEET_FILE', () =>
          loadYamlFile(config.MDMSIM_FLEET_FILE as string, loadFleetFile),
        );
  const apps =
    config.MDMSIM_APPS_FILE === undefined
      ? undefined
      : await attempt('MDMSIM_APPS_FILE', () =>
          loadYamlFile(config.MDMSIM_APPS_FILE as string, loadAppsFile),
        );
  // An app's secret must differ from the tokens too (each opens its own door): a Graph client under test must not hold
  // the simulator's or the admin's token.
  for (const app of apps ?? []) {
    const token = tokenSettingHolding(config, app.clientSecret);
    if (token) {
      problems.push(
        `${settingName('MDMSIM_APPS_FILE')}: the secret of app ${app.clientId} must differ from ${token} (each token opens its own door)`,
      );
    }
  }
  let tls: TlsMaterial | undefined;
  if (config.MDMSIM_TLS_CERT !== undefined && config.MDMSIM_TLS_KEY !== undefined) {
    const certPath = config.MDMSIM_TLS_CERT;
    const keyPath = config.MDMSIM_TLS_KEY;
    const cert = await attempt('MDMSIM_TLS_CERT', () => readText(certPath));
    const key = await attempt('MDMSIM_TLS_KEY', () => readText(keyPath));
    if (cert !== undefined && key !== undefined) {
      problems.push(...tlsProblems(certPath, cert, keyPath, key));
      tls = { cert, key, files: { certPath, keyPath }, origin: 'provided' };
    }
  }
  if (problems.length > 0) throw invalidConfiguration(problems);

  // Only now the data folder is written: a start refused above leaves it as it was.
  tls ??= await attempt('MDMSIM_DATA_DIR', () => ensureLocalTls(config.MDMSIM_DATA_DIR, config.tlsHosts));
  const deviceKey =
    fleet && problems.length === 0
      ? await attempt('MDMSIM_DATA_DIR', () =>
          loadOrCreateDeviceKey(config.MDMSIM_DATA_DIR, config.MDMSIM_FLEET_NAME),
        )
      : undefined;
  // A token signing key kept from before must still be one: checked now, so a broken file stops the start.
  if (problems.length === 0) {
    await attempt('MDMSIM_DATA_DIR', () => readSigningKeys(signingKeyFileOf(config.MDMSIM_DATA_DIR)));
  }
  if (problems.length > 0 || tls === undefined) throw invalidConfiguration(problems);
  return { fleet, apps, tls, deviceKey };
}

/** SQLite makes the store file and its -wal and -shm files beside it: the folder must be there, and writable. */
async function checkStoreFile(path: string): Promise<void> {
  const folder = dirname(path);
  const found = await stat(folder).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Refused(`the folder ${folder} does not exist`);
    throw error;
  });
  if (!found.isDirectory()) throw new Refused(`${folder} is a file, not a folder`);
  await access(folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new Refused(`cannot write in the folder ${folder} (${reasonOf(error)})`);
  });
  const file = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (file?.isDirectory()) throw new Refused(`${path} is a folder, not a file`);
  if (file) {
    await access(path, constants.R_OK | constants.W_OK).catch((error: NodeJS.ErrnoException) => {
      throw new Refused(`cannot read and write ${path} (${reasonOf(error)})`);
    });
  }
}

/**
 * A YAML or JSON file read by `load`, after its syntax is checked here: YAML's own message quotes the offending line,
 * which may hold a secret or a passcode, so a syntax error is told by its place only.
 */
async function loadYamlFile<T>(path: string, load: (path: string) => Promise<T>): Promise<T> {
  const text = await readText(path);
  try {
    parseYaml(text);
  } catch (error) {
    const place = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new Refused(
      `${path} is not valid YAML or JSON${place ? ` (line ${place.line}, column ${place.col})` : ''}`,
    );
  }
  return load(path);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Refused(`${path} does not exist`);
    if (code === 'EISDIR') throw new Refused(`${path} is a folder, not a file`);
    throw error;
  }
}

/**
 * Whether TLS takes this certificate and key as the HTTPS listener will; when it does not, which of the two is wrong.
 * OpenSSL's reasons name no content, so they may be quoted.
 */
function tlsProblems(certPath: string, cert: string, keyPath: string, key: string): string[] {
  try {
    createSecureContext({ cert, key });
    return [];
  } catch (error) {
    const problems: string[] = [];
    try {
      new X509Certificate(cert);
    } catch {
      problems.push(`${settingName('MDMSIM_TLS_CERT')}: ${certPath} holds no PEM certificate`);
    }
    try {
      createPrivateKey(key);
    } catch (keyError) {
      const encrypted = (keyError as { code?: string }).code === 'ERR_MISSING_PASSPHRASE';
      problems.push(
        `${settingName('MDMSIM_TLS_KEY')}: ${keyPath} ${encrypted ? 'is encrypted (give the key without a passphrase)' : 'holds no PEM private key'}`,
      );
    }
    if (problems.length > 0) return problems;
    const reason = openSslReason(error);
    return [
      /key values mismatch/.test(reason)
        ? `${settingName('MDMSIM_TLS_KEY')}: ${keyPath} is not the key of the certificate in ${certPath}`
        : `${settingName('MDMSIM_TLS_CERT')}: ${certPath} and ${keyPath} are refused by TLS (${reason})`,
    ];
  }
}

/** `error:05800074:x509 certificate routines::key values mismatch` → `key values mismatch`. */
function openSslReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(':').at(-1)?.trim() || message;
}

/** What went wrong, in words: a refusal as it is, a file system error by the path and what stopped it. */
async function problemOf(error: unknown): Promise<string> {
  if (error instanceof Refused) return error.message;
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string') {
    return error instanceof Error ? error.message : String(error);
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const file = await fileInTheWay(path);
    if (file !== undefined) return `${file} is a file, not a folder`;
  }
  return `cannot use ${path} (${reasonOf(error as NodeJS.ErrnoException)})`;
}

/** The nearest existing folder on the way to `path`, when it is a file instead. */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let at = path; ; at = dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found) return found.isDirectory() ? undefined : at;
    if (dirname(at) === at) return undefined;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'a read-only file system',
  ENOSPC: 'no space left on the device',
  ENOENT: 'it does not exist',
};

function reasonOf(error: NodeJS.ErrnoException): string {
  return (error.code && REASONS[error.code]) ?? error.code ?? error.message;
}

/**
 * A listener's failure as the setting to change: a HOST that does not resolve or is not this machine's, a port taken
 * or not allowed. Anything else is not the configuration's, and stays as it was (undefined).
 */
export function listenProblem(
  error: unknown,
  config: Pick<ServerConfig, 'HOST' | 'PORT' | 'MDMSIM_HTTPS_PORT'>,
): ConfigError | undefined {
  const { code, syscall, port, hostname } = error as NodeJS.ErrnoException & {
    port?: number;
    hostname?: string;
  };
  if (syscall === 'getaddrinfo') {
    return invalidConfiguration([
      `${settingName('HOST')}: ${hostname ?? config.HOST} does not resolve to an address (${code})`,
    ]);
  }
  if (syscall !== 'listen') return undefined;
  if (code === 'EADDRNOTAVAIL') {
    return invalidConfiguration([`${settingName('HOST')}: ${config.HOST} is not an address of this machine`]);
  }
  // PORT and MDMSIM_HTTPS_PORT differ unless both are 0, and a port the system chooses is never taken.
  const variable = port !== undefined && port === config.MDMSIM_HTTPS_PORT ? 'MDMSIM_HTTPS_PORT' : 'PORT';
  const chosen = config[variable];
  if (code === 'EADDRINUSE') {
    return invalidConfiguration([
      `${settingName(variable)}: port ${chosen} on ${config.HOST} is already in use by another process`,
    ]);
  }
  if (code === 'EACCES') {
    return invalidConfiguration([
      `${settingName(variable)}: listening on port ${chosen} is not allowed${chosen < 1024 ? ' (ports below 1024 need privileges)' : ''}`,
    ]);
  }
  return undefined;
}
