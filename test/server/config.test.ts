// Configuration is validated at start: good values are read, a bad one fails with a message naming it.
import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../server/config.js';

describe('server configuration', () => {
  it('reads defaults and generates the admin and enrollment tokens when unset', () => {
    const config = readServerConfig([], {});
    expect(config.PORT).toBe(8080);
    expect(config.MDMSIM_SUPPORT_EDITION).toBe('2018-03');
    expect(config.MDMSIM_DEFAULT_FLEET).toBe(true);
    expect(config.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(config.generatedAdminToken).toBe(true);
  });

  it('listens on loopback and generates a simulator token unless told otherwise', () => {
    const config = readServerConfig([], {});
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.simToken.length).toBeGreaterThanOrEqual(16);
    expect(config.generatedSimToken).toBe(true);
    const given = readServerConfig(['--sim-token', 'a-simulator-token-1234'], { HOST: '0.0.0.0' });
    expect(given.HOST).toBe('0.0.0.0');
    expect(given.simToken).toBe('a-simulator-token-1234');
    expect(given.generatedSimToken).toBe(false);
    expect(() => readServerConfig([], { MDMSIM_SIM_TOKEN: 'short' })).toThrow(/MDMSIM_SIM_TOKEN/);
  });

  it('refuses settings that are valid alone but not together, naming the one to change', () => {
    const same = 'one-token-for-all-doors';
    expect(() =>
      readServerConfig([], {
        MDMSIM_ADMIN_TOKEN: same,
        MDMSIM_SIM_TOKEN: same,
        MDMSIM_ENROLLMENT_TOKEN: same,
      }),
    ).toThrow(
      /MDMSIM_SIM_TOKEN: must differ from MDMSIM_ADMIN_TOKEN[\s\S]*MDMSIM_ENROLLMENT_TOKEN: must differ from MDMSIM_ADMIN_TOKEN/,
    );
    expect(() => readServerConfig(['--sim-token', same], { MDMSIM_CLIENT_SECRET: same })).toThrow(
      /MDMSIM_CLIENT_SECRET: must differ from MDMSIM_SIM_TOKEN/,
    );
    expect(() => readServerConfig([], { PORT: '18080', MDMSIM_HTTPS_PORT: '18080' })).toThrow(
      /MDMSIM_HTTPS_PORT: must differ from PORT/,
    );
    expect(() => readServerConfig([], { MDMSIM_THROTTLING_LIMITS: 'writesPerAppPerTenant=5' })).toThrow(
      /MDMSIM_THROTTLING_LIMITS: applies only with MDMSIM_THROTTLING=custom/,
    );
    // Two system-chosen ports, distinct tokens and limits with custom throttling are fine.
    expect(readServerConfig([], { PORT: '0', MDMSIM_HTTPS_PORT: '0' }).PORT).toBe(0);
    expect(
      readServerConfig([], {
        MDMSIM_ADMIN_TOKEN: 'an-admin-token-12345',
        MDMSIM_SIM_TOKEN: 'a-simulator-token-1234',
        MDMSIM_THROTTLING: 'custom',
        MDMSIM_THROTTLING_LIMITS: 'writesPerAppPerTenant=5',
      }).adminToken,
    ).toBe('an-admin-token-12345');
  });

  it('lets flags override environment variables', () => {
    const config = readServerConfig(['--port', '9001', '--default-fleet', 'false'], { PORT: '9000' });
    expect(config.PORT).toBe(9001);
    expect(config.MDMSIM_DEFAULT_FLEET).toBe(false);
  });

  it('fails with a message naming each bad value', () => {
    expect(() => readServerConfig([], { PORT: 'eighty', MDMSIM_ADMIN_TOKEN: 'short' })).toThrow(
      /PORT[\s\S]*MDMSIM_ADMIN_TOKEN: must be at least 16 characters/,
    );
    expect(() => readServerConfig([], { MDMSIM_SUPPORT_EDITION: '1999' })).toThrow(/MDMSIM_SUPPORT_EDITION/);
    expect(() => readServerConfig(['--no-such-flag'], {})).toThrow(/no-such-flag/);
  });

  it('reads the HTTPS and Entra settings, with a fixed tenant and a generated default app', () => {
    const config = readServerConfig(['--https-port', '9443'], { MDMSIM_TLS_HOSTS: 'server, mdmsim.test' });
    expect(config.MDMSIM_HTTPS_PORT).toBe(9443);
    expect(config.MDMSIM_DATA_DIR).toBe('.mdmsim');
    expect(config.tlsHosts).toEqual(
      expect.arrayContaining(['localhost', '127.0.0.1', '::1', 'server', 'mdmsim.test']),
    );
    expect(config.MDMSIM_TENANT_ID).toBe('6d6d7369-6d00-4d00-8000-000000000001');
    expect(config.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(config.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.generatedClientSecret).toBe(true);
    expect(() => readServerConfig([], { MDMSIM_TLS_CERT: '/some/cert.pem' })).toThrow(/MDMSIM_TLS_KEY/);
    expect(() => readServerConfig([], { MDMSIM_CLIENT_ID: 'not-a-guid' })).toThrow(/MDMSIM_CLIENT_ID/);
    expect(() => readServerConfig([], { MDMSIM_TLS_HOSTS: 'https://server:8443/' })).toThrow(
      /MDMSIM_TLS_HOSTS/,
    );
  });
});
