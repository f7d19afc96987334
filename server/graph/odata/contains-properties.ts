// The properties $filter's contains() may name, per Graph version: exactly those whose description in Microsoft's
// metadata says "Supports $filter operator … 'contains'". Elsewhere mdmsim refuses the function (the stricter side):
// unverified, and one capture says Intune ignored it instead, answering every device for beta's
// contains(skuFamily, …) (microsoft-graph-docs-contrib#2416, 2022).
import type { GraphVersion } from '../graph-resources.js';

const CONTAINS_PROPERTIES: Record<GraphVersion, Readonly<Record<string, readonly string[]>>> = {
  // microsoftgraph/msgraph-metadata f54f11b6, schemas/v1.0-Prod.csdl, the Org.OData.Core.V1.Description annotations
  // of managedDevice: deviceName (line 38123) and model (38300) "Supports $filter operator 'eq' and 'contains'";
  // emailAddress (38158), osVersion (38317) and phoneNumber (38331) "Supports $filter operator 'contains'".
  'v1.0': {
    'microsoft.graph.managedDevice': ['deviceName', 'emailAddress', 'model', 'osVersion', 'phoneNumber'],
  },
  // The beta CSDL is not in the metadata snapshot. The beta SDK generated from it (microsoftgraph/msgraph-beta-sdk-java
  // 01a8cbd7, 2026-08-20, src/main/java/com/microsoft/graph/beta/generated/models/ManagedDevice.java line 255) and
  // the beta managedDevice page, https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice
  // ?view=graph-rest-beta, say it of deviceName only (their model, osVersion, emailAddress, phoneNumber: no $filter).
  beta: {
    'microsoft.graph.managedDevice': ['deviceName'],
  },
};

/** The properties of `typeName` that contains() may take on `version`; empty where Graph documents none. */
export function containsProperties(typeName: string, version: GraphVersion): ReadonlySet<string> {
  return new Set(CONTAINS_PROPERTIES[version][typeName] ?? []);
}
