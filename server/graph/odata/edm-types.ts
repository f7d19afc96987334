// The Edm types the zod schemas do not carry: integer widths and enum type names, as Graph's metadata declares them
// (microsoftgraph/msgraph-metadata; test/graph/fixtures/graph-metadata.json is the extract, and a test holds this to it).
// OData's $filter messages name these types ("Found operand types 'Edm.Int64' and 'Edm.String' ...").

/** Per entity type, the Edm type of each integer and enum property; strings, booleans and dates follow their kind. */
export const EDM_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'microsoft.graph.managedDevice': {
    chassisType: 'microsoft.graph.chassisType',
    complianceState: 'microsoft.graph.complianceState',
    deviceEnrollmentType: 'microsoft.graph.deviceEnrollmentType',
    deviceRegistrationState: 'microsoft.graph.deviceRegistrationState',
    deviceType: 'microsoft.graph.deviceType',
    exchangeAccessState: 'microsoft.graph.deviceManagementExchangeAccessState',
    exchangeAccessStateReason: 'microsoft.graph.deviceManagementExchangeAccessStateReason',
    freeStorageSpaceInBytes: 'Edm.Int64',
    joinType: 'microsoft.graph.joinType',
    lostModeState: 'microsoft.graph.lostModeState',
    managedDeviceOwnerType: 'microsoft.graph.managedDeviceOwnerType',
    managementAgent: 'microsoft.graph.managementAgentType',
    managementFeatures: 'microsoft.graph.managedDeviceManagementFeatures',
    managementState: 'microsoft.graph.managementState',
    ownerType: 'microsoft.graph.ownerType',
    partnerReportedThreatState: 'microsoft.graph.managedDevicePartnerReportedHealthState',
    physicalMemoryInBytes: 'Edm.Int64',
    processorArchitecture: 'microsoft.graph.managedDeviceArchitecture',
    skuNumber: 'Edm.Int32',
    totalStorageSpaceInBytes: 'Edm.Int64',
    windowsActiveMalwareCount: 'Edm.Int32',
    windowsRemediatedMalwareCount: 'Edm.Int32',
  },
  'microsoft.graph.remoteActionAudit': {
    action: 'microsoft.graph.remoteAction',
    actionState: 'microsoft.graph.actionState',
    deviceActionCategory: 'microsoft.graph.deviceActionCategory',
  },
};

/**
 * Members of enums whose schema lists fewer than Graph's metadata: remoteActionAudit.action is only ever
 * resetPasscode here (the one action mdmsim runs), but a filter may name any of Graph's remote actions
 * (beta `remoteAction`, schemas/type-mappings/beta-enum-types.json at f54f11b6).
 */
export const ENUM_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.graph.remoteAction': [
    'activateDeviceEsim',
    'automaticRedeployment',
    'changeAssignments',
    'cleanWindowsDevice',
    'delete',
    'deprovision',
    'disable',
    'disableLostMode',
    'enableLostMode',
    'factoryReset',
    'factoryResetKeepEnrollmentData',
    'fullScan',
    'getFileVaultKey',
    'initiateDeviceAttestation',
    'initiateMobileDeviceManagementKeyRecovery',
    'initiateOnDemandProactiveRemediation',
    'launchRemoteHelp',
    'locateDevice',
    'logoutSharedAppleDeviceActiveUser',
    'moveDeviceToOrganizationalUnit',
    'pauseConfigurationRefresh',
    'quickScan',
    'rebootNow',
    'recoverPasscode',
    'reenable',
    'remoteLock',
    'removeCompanyData',
    'removeDeviceFirmwareConfigurationInterfaceManagement',
    'resetPasscode',
    'restoreManagedHomeScreen',
    'revokeAppleVppLicenses',
    'rotateBitLockerKeys',
    'rotateFileVaultKey',
    'rotateLocalAdminPassword',
    'setDeviceName',
    'shutDown',
    'suspendManagedHomeScreen',
    'unknown',
    'unknownFutureValue',
    'updateDeviceAccount',
    'windowsDefenderUpdateSignatures',
  ],
};
