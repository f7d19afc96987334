// The Kiota request adapter (what the msgraph-sdk fluent client runs on) with AzureIdentityAuthenticationProvider,
// calling Graph on a non-localhost name from MDMSIM_TLS_HOSTS. The name resolves to loopback through the
// transport's own DNS lookup (an undici Agent), so no /etc/hosts entry is needed. Prints one JSON report.
import { lookup as dnsLookup } from 'node:dns';
import { ClientSecretCredential } from '@azure/identity';
import { HttpMethod, RequestInformation } from '@microsoft/kiota-abstractions';
import { AzureIdentityAuthenticationProvider } from '@microsoft/kiota-authentication-azure';
import { FetchRequestAdapter, HttpClient } from '@microsoft/kiota-http-fetchlibrary';
import { Agent, fetch as undiciFetch } from 'undici';

const { MDMSIM_HTTPS_URL, GRAPH_HOST_NAME, TENANT_ID, CLIENT_ID, CLIENT_SECRET, DEVICE_ID } = process.env;

const loopbackFor = (hostname, options, callback) => {
  if (hostname !== GRAPH_HOST_NAME) return dnsLookup(hostname, options, callback);
  if (options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
  return callback(null, '127.0.0.1', 4);
};
const dispatcher = new Agent({ connect: { lookup: loopbackFor } });
const fetchVia = (url, init) => undiciFetch(url, { ...init, dispatcher });

const graphBase = new URL(MDMSIM_HTTPS_URL);
graphBase.hostname = GRAPH_HOST_NAME;
const graphOrigin = graphBase.origin;

const credential = new ClientSecretCredential(TENANT_ID, CLIENT_ID, CLIENT_SECRET, {
  authorityHost: MDMSIM_HTTPS_URL,
  disableInstanceDiscovery: true,
});
const auth = new AzureIdentityAuthenticationProvider(
  credential,
  ['https://graph.microsoft.com/.default'],
  undefined,
  new Set([GRAPH_HOST_NAME]),
);
const adapter = new FetchRequestAdapter(auth, undefined, undefined, new HttpClient(fetchVia));
adapter.baseUrl = `${graphOrigin}/v1.0`;

const request = (method, url) => {
  const info = new RequestInformation(method);
  info.URL = url;
  return info;
};
const json = (buffer) => JSON.parse(Buffer.from(buffer).toString('utf8'));
const outcome = async (run) => {
  try {
    return { status: 'ok', value: await run() };
  } catch (error) {
    return { status: error.responseStatusCode ?? 'thrown', message: error.message };
  }
};

const report = { graphOrigin };
report.list = await outcome(async () => {
  const ids = [];
  const nextLinks = [];
  let url = `${adapter.baseUrl}/deviceManagement/managedDevices?$top=2&$select=id`;
  while (url) {
    const page = json(await adapter.sendPrimitive(request(HttpMethod.GET, url), 'ArrayBuffer', undefined));
    for (const device of page.value) ids.push(device.id);
    url = page['@odata.nextLink'];
    if (url) nextLinks.push(url);
  }
  return { ids, nextLinks };
});
report.reset = await outcome(async () => {
  const info = request(
    HttpMethod.POST,
    `${adapter.baseUrl}/deviceManagement/managedDevices/${DEVICE_ID}/resetPasscode`,
  );
  await adapter.sendNoResponseContent(info, undefined);
  return 'sent';
});
report.read = await outcome(async () => {
  const url = `${adapter.baseUrl}/deviceManagement/managedDevices/${DEVICE_ID}`;
  const device = json(await adapter.sendPrimitive(request(HttpMethod.GET, url), 'ArrayBuffer', undefined));
  return { id: device.id, deviceActionResults: device.deviceActionResults };
});
await dispatcher.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
