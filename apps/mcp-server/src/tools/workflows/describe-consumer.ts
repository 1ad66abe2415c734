import { DescribeConsumerInput, describeConsumer } from '@cloutapi/resources';
import { z } from 'zod';
import { compact } from '../../format/compact.js';
import { lines, table } from '../../format/text.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

/** Jobs shown, the latest. */
const LAST_JOBS = 5;

const fields = z.record(z.string(), z.unknown());

/** `describe_consumer`: the SDK's `describeConsumer`, compact for a model. */
export const describeConsumerTool = defineTool({
  name: 'describe_consumer',
  title: 'Everything about one machine',
  description:
    '"How is machine X?" in one call: the consumption unit (by id or name), its node, latest report and last jobs.',
  toolset: 'workflows',
  // The window stays the SDK's default (7 days): jobs_since reads any other.
  input: DescribeConsumerInput.omit({ days: true }),
  output: z.object({
    consumer: fields,
    node: fields.optional(),
    latestReport: fields.optional(),
    jobs: z.array(fields),
  }),
  annotations: READS,
  writes: false,
  example: (x) => ({ bunitId: x.ids.acme, name: 'acme-dc01' }),
  async handler(input, ctx) {
    const d = await describeConsumer(ctx.clout, input, ctx.call);
    const shown = (value: Record<string, unknown>) => compact(value, ctx.allowSecrets);
    const { consumer, node, latestReport: report } = d;
    const c = shown({
      id: consumer.id,
      name: consumer.name,
      state: consumer.dataSourceState?.name,
      createdDate: consumer.createdDate,
      note: consumer.note,
    });
    const n =
      node &&
      shown({
        tsmName: node.tsmName,
        operatingSystem: node.operatingSystem?.name,
        type: node.type?.name,
        activatedDate: node.activatedDate,
        domain: node.domain?.name,
        server: node.domain?.server?.name,
        lastAccessTime: node.lastAccessTime,
      });
    const r =
      report &&
      shown({
        reportDate: report.reportDate,
        status: report.status,
        megaBytes: report.megaBytes,
        warnings: report.warnings,
      });
    const jobs = d.jobs.slice(-LAST_JOBS).map((j) =>
      shown({
        id: j.id,
        name: j.name,
        status: j.status?.name,
        completed: j.completed,
        failedFiles: j.failedFiles,
      }),
    );
    const days = Math.round((Date.parse(d.until) - Date.parse(d.since)) / 86_400_000);
    const window = `Last jobs (${days} days)`;
    const text = [
      `Consumer\n${lines(c)}`,
      n ? `Node\n${lines(n)}` : 'Node: none yet (enroll_machine or create_node adds one)',
      r ? `Latest report\n${lines(r)}` : 'Latest report: none',
      jobs.length
        ? `${window}\n${table(jobs, ['id', 'name', 'status', 'completed', 'failedFiles'])}`
        : `${window}: none`,
      ...d.notes.map((note) => `Note: ${note}`),
    ].join('\n\n');
    return {
      text,
      structured: {
        consumer: c,
        ...(n ? { node: n } : {}),
        ...(r ? { latestReport: r } : {}),
        jobs,
      },
    };
  },
});
