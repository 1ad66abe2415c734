import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as models from '../../src/models/index.js';
import {
  AUDIT_TYPES,
  AuditLogEntry,
  type BackupNode,
  BusinessUnit,
  BusinessUnitSummary,
  Consumer,
  NodeReport,
} from '../../src/models/index.js';
// The REST guide's example bodies of GET /v1/bunits/22 and /v1/bunits/22/consumers/408, verbatim.
import guideBusinessUnit from './guide-business-unit.json' with { type: 'json' };
import guideConsumer from './guide-consumer.json' with { type: 'json' };

/** Every exported zod schema, by export name (aliases such as NodePlatform included). */
const exported: [string, unknown][] = Object.entries(models);
const schemas = exported.filter(
  (entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType,
);
const collections = schemas.filter(([name]) => name.endsWith('List'));
const resources = schemas.filter(([name]) => !name.endsWith('List'));

/** The collections the operation registry names in its response schemas. */
const namedCollections = [
  'BusinessUnitList',
  'UserList',
  'TimeZoneList',
  'ConsumerList',
  'AuditLogList',
  'JobList',
  'NodeReportList',
  'NodeWarningTypeList',
  'PolicyDomainList',
  'ClientOptionSetList',
  'NodeOperatingSystemList',
  'NodeTypeList',
  'BackupNodeList',
  'FilespaceList',
  'InvoiceList',
  'InvoiceFileList',
  'BillingDataList',
  'ActionList',
];

describe('the guide examples', () => {
  it('parses the BusinessUnit example with nested parent, time zone and collections', () => {
    expect(BusinessUnit.parse(guideBusinessUnit)).toMatchObject({
      id: 22,
      name: 'Company AB',
      registrationNumber: 'SE556612345678',
      createdDate: '2023-06-10T11:10:11.321Z',
      parentBusinessUnit: { id: 13, name: 'Safespring - Sverige' },
      timeZone: { windowsId: 'W. Europe Standard Time' },
      users: { href: 'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/users' },
      businessUnits: { items: [] },
    });
  });

  it('keeps the unknown $type and actions fields of the BusinessUnit example', () => {
    const unit = BusinessUnit.parse(guideBusinessUnit);
    expect(unit.timeZone?.$type).toBe('CloudPortal.Web.Api.Hyper.TimeZone, CloudPortal.Web.Api');
    expect(unit.timeZone?.actions).toEqual([
      {
        name: 'Calculate UTC offset',
        method: 'GET',
        href: 'https://portal-api.backup.sto2.safedc.net/v1/timezones/4/offset?date',
      },
    ]);
    expect(unit.users?.$type).toContain('Hyper.User');
    expect(unit).toEqual(guideBusinessUnit);
  });

  it('parses the Consumer example with its business unit and data source', () => {
    const consumer = Consumer.parse(guideConsumer);
    expect(consumer).toMatchObject({
      id: 408,
      name: 'JennysWS',
      note: "Jenny's workstation.",
      billingStartDate: '2023-06-09T00:00:00Z',
      dataSourceState: { name: 'Active' },
      limitHighStorage: 100,
      businessUnit: { name: 'Marketing Department', ancestors: { total: 0 } },
    });
    expect(consumer.dataSourceType).toEqual({ id: 1, name: 'SP Backup node' });
  });

  it('keeps the unknown fields of the Consumer example, nested ones included', () => {
    const consumer = Consumer.parse(guideConsumer);
    expect(consumer.businessUnit?.$type).toBe(
      'CloudPortal.Web.Api.Hyper.BusinessUnit, CloudPortal.Web.Api',
    );
    expect(consumer.href).toBe(
      'https://portal-api.backup.sto2.safedc.net/v1/bunits/22/consumers/408',
    );
    expect(consumer).toEqual(guideConsumer);
  });
});

describe('leniency', () => {
  it('finds every exported schema, so the loops below are not vacuous', () => {
    expect(resources.length).toBeGreaterThanOrEqual(40);
    expect(collections.map(([name]) => name).sort()).toEqual([...namedCollections].sort());
  });

  it.each(resources)('%s accepts an empty object', (_name, schema) => {
    expect(schema.safeParse({}).success).toBe(true);
  });

  it.each(collections)('%s accepts an empty page but rejects a body without items', (_, schema) => {
    expect(schema.parse({ items: [] })).toEqual({ items: [] });
    expect(schema.safeParse({ href: 'x', total: 0 }).success).toBe(false);
  });

  it('keeps unknown fields on objects reached through a recursive getter', () => {
    const consumer = Consumer.parse({
      node: { $type: 'Node', consumer: { id: 408, actions: [{ name: 'Delete' }] } },
    });
    expect(consumer.node?.$type).toBe('Node');
    expect(consumer.node?.consumer?.actions).toEqual([{ name: 'Delete' }]);
  });
});

describe('recursion', () => {
  const tree = {
    id: 1,
    name: 'Root',
    businessUnits: [
      {
        id: 2,
        parentId: 1,
        name: 'Child',
        businessUnits: [{ id: 3, parentId: 2, name: 'Grandchild', businessUnits: [] }],
      },
    ],
  };

  it('parses a BusinessUnitSummary tree three levels deep', () => {
    const root = BusinessUnitSummary.parse(tree);
    expect(root.businessUnits?.[0]?.businessUnits?.[0]?.name).toBe('Grandchild');
    expect(root.businessUnits?.[0]?.businessUnits?.[0]?.parentId).toBe(2);
  });

  it('checks the types of the deepest level too', () => {
    const bad = structuredClone(tree);
    const grandchild = bad.businessUnits[0]?.businessUnits[0] as Record<string, unknown>;
    grandchild.id = 'x';
    const result = BusinessUnitSummary.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['businessUnits', 0, 'businessUnits', 0, 'id']);
  });

  it('parses a node report with nested proxy node reports', () => {
    const report = NodeReport.parse({ tsmName: 'A', proxyNodeReports: [{ tsmName: 'B' }] });
    expect(report.proxyNodeReports?.[0]?.tsmName).toBe('B');
  });

  it('types the recursive fields instead of falling back to any', () => {
    expectTypeOf<BackupNode>().not.toBeAny();
    expectTypeOf<Consumer>().not.toBeAny();
    expectTypeOf<BusinessUnit>().not.toBeAny();
    expectTypeOf<
      NonNullable<NonNullable<BusinessUnit['businessUnits']>['items']>[number]['name']
    >().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<BusinessUnitSummary['businessUnits']>[number]['id']>().toEqualTypeOf<
      number | undefined
    >();
  });

  it('types the Consumer <-> BackupNode cycle in both directions', () => {
    expectTypeOf<Consumer['node']>().toEqualTypeOf<BackupNode | undefined>();
    expectTypeOf<NonNullable<BackupNode['consumer']>['name']>().toEqualTypeOf<string | undefined>();
  });
});

describe('wrong types', () => {
  it('rejects a string id with the path of the field', () => {
    const result = BusinessUnit.safeParse({ id: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['id']);
  });

  it('rejects a fractional value where the docs say integer', () => {
    expect(Consumer.safeParse({ id: 408.5 }).success).toBe(false);
  });

  it('rejects a wrong type inside a nested backup node', () => {
    const result = Consumer.safeParse({ node: { cpuCount: '2' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['node', 'cpuCount']);
  });

  it('rejects a null, which the casing module strips before parsing', () => {
    expect(Consumer.safeParse({ note: null }).success).toBe(false);
  });
});

describe('JSON Schema', () => {
  it.each(schemas)('%s converts with z.toJSONSchema', (_name, schema) => {
    const json = z.toJSONSchema(schema);
    expect(json.type).toBe('object');
  });

  it('carries the field descriptions a user needs', () => {
    const json = z.toJSONSchema(models.BackupNode) as {
      properties: Record<string, { description?: string }>;
    };
    expect(json.properties.tsmPassword?.description).toMatch(/secret/);
    expect(json.properties.tsmName?.description).toMatch(/node name/);
  });
});

describe('audit log types', () => {
  it('documents every AUDIT_TYPES code on AuditLogEntry.type', () => {
    const description = AuditLogEntry.shape.type.description ?? '';
    for (const [name, code] of Object.entries(AUDIT_TYPES)) {
      expect(description).toContain(`${code} ${name}`);
    }
  });
});
