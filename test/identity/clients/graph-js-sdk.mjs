// An admin script as written for real Intune (Graph JS SDK + @azure/identity); only where it signs in and where Graph
// lives point at mdmsim. The CA comes from NODE_EXTRA_CA_CERTS, as a user would set it. Prints one JSON report.
import { ClientSecretCredential } from '@azure/identity';
import { Client, PageIterator } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

const { MDMSIM_HTTPS_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET, DEVICE_ID } = process.env;

const credential = new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, {
  authorityHost: MDMSIM_HTTPS_URL,
  disableInstanceDiscovery: true,
});
const authProvider = new TokenCredentialAuthenticationProvider(credential, {
  scopes: ['https://graph.microsoft.com/.default'],
});
const client = Client.initWithMiddleware({
  authProvider,
  baseUrl: MDMSIM_HTTPS_URL,
  customHosts: new Set([new URL(MDMSIM_HTTPS_URL).hostname]),
});

const report = {};
const outcome = async (run) => {
  try {
    return { status: 'ok', value: await run() };
  } catch (error) {
    return { status: error.statusCode ?? 'thrown', code: error.code, message: error.message };
  }
};

report.list = await outcome(async () => {
  const first = await client.api('/deviceManagement/managedDevices').top(2).select('id').get();
  const ids = [];
  const iterator = new PageIterator(client, first, (device) => {
    ids.push(device.id);
    return true;
  });
  await iterator.iterate();
  return { ids, firstNextLink: first['@odata.nextLink'] ?? null, complete: iterator.isComplete() };
});

report.reset = await outcome(async () => {
  await client.api(`/deviceManagement/managedDevices/${DEVICE_ID}/resetPasscode`).post();
  return 'sent';
});

report.read = await outcome(async () => {
  const device = await client.api(`/deviceManagement/managedDevices/${DEVICE_ID}`).get();
  return { id: device.id, deviceActionResults: device.deviceActionResults };
});

process.stdout.write(`${JSON.stringify(report)}\n`);
