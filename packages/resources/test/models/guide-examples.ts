/**
 * The example bodies of the Cloutility REST guide (reference/cloutility-rest-api-guide.txt), copied
 * verbatim: what `GET /v1/bunits/{bunitId}` and `GET /v1/bunits/{bunitId}/consumers/{consumerId}`
 * return on a real portal.
 */

/** The guide's BusinessUnit example (business unit 22, "Company AB"). */
export const guideBusinessUnit = {
  href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22',
  parentBusinessUnit: {
    domainFilter: [],
    clientOptionSetFilter: [],
    name: 'Safespring - Sverige',
    supportResponsible: false,
    registrationNumber: '',
    invoiceDay: 0,
    billingStorageTypeId: 1,
    billingStorageType: 1,
    useScheduleBindings: false,
    consumers: [],
    storageLimit: 0,
    transferLimit: 0,
    nodeLimit: 0,
    passwordExpirationDays: 0,
    requiredApproversOfDeleteRequest: 0,
    finalDeleteRequestApprover: false,
    usersCanApproveOwnRequests: false,
    reportRemotely: false,
    tags: [],
    id: 13,
    createdDate: '2022-08-22T15:01:45.027Z',
  },
  timeZone: {
    $type: 'CloudPortal.Web.Api.Hyper.TimeZone, CloudPortal.Web.Api',
    href: 'https://portal-api.backup.sto2.safedc.net/v1/timezones/4',
    actions: [
      {
        name: 'Calculate UTC offset',
        method: 'GET',
        href: 'https://portal-api.backup.sto2.safedc.net/v1/timezones/4/offset?date',
      },
    ],
    name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    windowsId: 'W. Europe Standard Time',
    offset: 0,
    id: 4,
    createdDate: '2022-06-10T06:33:19.337Z',
  },
  users: {
    $type:
      'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.User, CloudPortal.Web.Api]], CloudPortal.Web.Api',
    href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/users',
    total: 0,
    items: [],
  },
  addresses: {
    $type:
      'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.Address, CloudPortal.Web.Api]], CloudPortal.Web.Api',
    href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/addresses',
    total: 0,
    items: [],
  },
  businessUnits: {
    $type:
      'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.BusinessUnit, CloudPortal.Web.Api]], CloudPortal.Web.Api',
    href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/bunits',
    total: 0,
    items: [],
  },
  domainFilter: [],
  clientOptionSetFilter: [],
  name: 'Company AB',
  supportResponsible: false,
  registrationNumber: 'SE556612345678',
  invoiceDay: 0,
  billingStorageTypeId: 2,
  billingStorageType: 2,
  useScheduleBindings: false,
  consumers: [],
  storageLimit: 0,
  transferLimit: 0,
  nodeLimit: 0,
  passwordExpirationDays: 0,
  requiredApproversOfDeleteRequest: 0,
  finalDeleteRequestApprover: false,
  usersCanApproveOwnRequests: false,
  reportRemotely: false,
  tags: [],
  id: 22,
  createdDate: '2023-06-10T11:10:11.321Z',
};

/** The guide's Consumer example (consumption unit 408, "JennysWS"). */
export const guideConsumer = {
  href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/consumers/408',
  dataSourceType: {
    id: 1,
    name: 'SP Backup node',
  },
  dataSourceIsPotentialParent: false,
  dataSourceState: {
    id: 3,
    name: 'Active',
  },
  name: 'JennysWS',
  billingStartDate: '2023-06-09T00:00:00Z',
  businessUnit: {
    $type: 'CloudPortal.Web.Api.Hyper.BusinessUnit, CloudPortal.Web.Api',
    href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22',
    ancestors: {
      href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/ancestors',
      total: 0,
      items: [],
    },
    users: {
      $type:
        'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.User, CloudPortal.Web.Api]], CloudPortal.Web.Api',
      href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/users',
      total: 0,
      items: [],
    },
    addresses: {
      $type:
        'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.Address, CloudPortal.Web.Api]], CloudPortal.Web.Api',
      href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/addresses',
      total: 0,
      items: [],
    },
    businessUnits: {
      $type:
        'CloudPortal.Web.Api.Hyper.Collection`1[[CloudPortal.Web.Api.Hyper.BusinessUnit, CloudPortal.Web.Api]], CloudPortal.Web.Api',
      href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/bunits',
      total: 0,
      items: [],
    },
    domainFilter: [],
    clientOptionSetFilter: [],
    name: 'Marketing Department',
    note: 'some note...',
    supportResponsible: false,
    registrationNumber: '123456789999',
    invoiceDay: 0,
    billingStorageTypeId: 2,
    billingStorageType: 2,
    useScheduleBindings: false,
    consumers: [],
    storageLimit: 0,
    transferLimit: 0,
    nodeLimit: 0,
    passwordExpirationDays: 0,
    requiredApproversOfDeleteRequest: 1,
    finalDeleteRequestApprover: true,
    usersCanApproveOwnRequests: true,
    reportRemotely: false,
    tags: [],
    id: 22,
    createdDate: '2023-06-10T11:10:11.321Z',
  },
  lastCommentTime: '2023-10-20T16:58:26.237Z',
  lastCommentTypeId: 2,
  comments: [],
  note: "Jenny's workstation.",
  limitHighStorage: 100.0,
  allowNoActivity: false,
  tags: [],
  jobs: [],
  id: 408,
  createdDate: '2023-07-09T15:10:20.133Z',
};
