import { extname } from 'node:path';
import { Option } from 'commander';
import { usageError } from '../errors.js';
import type { FlagSpec } from '../flags/derive.js';
import { readFlagFile } from '../flags/read.js';
import type { View } from '../output/output.js';

/** What a generated command adds to what the registry declares. */
export interface OperationExtras {
  /** Changes to the derived flags (e.g. a field that another option can fill). */
  adjust?: (specs: FlagSpec[]) => void;
  /** Options beyond the input's fields. */
  options?: () => Option[];
  /** Fills input fields from those options (before validation). */
  prepare?: (options: Record<string, unknown>, input: Record<string, unknown>) => void;
  /** How the result is shown. */
  view?: (options: Record<string, unknown>) => Partial<View>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.html': 'text/html',
};

/**
 * The few operations whose command does more than map flags to fields: an upload reads a file, a
 * node's password is shown only on request. (How a result is drawn, a tree for the unit tree, is
 * its declared kind: see `resultKind`.)
 */
export const OPERATION_EXTRAS: Record<string, OperationExtras> = {
  'billing.uploadInvoiceFile': {
    adjust(specs) {
      const content = specs.find((s) => s.field === 'contentBase64');
      if (content) {
        content.required = false;
        content.description += ' (or --file; one of the two is required)';
      }
    },
    options: () => [
      new Option('--file <path>', 'the file to upload (instead of --content-base64)'),
    ],
    prepare(options, input) {
      const file = options.file;
      if (typeof file !== 'string') return;
      if (input.contentBase64 !== undefined) {
        throw usageError('--file and --content-base64 both give the content; give one of them.');
      }
      input.contentBase64 = readFlagFile('--file', file).toString('base64');
      const type = CONTENT_TYPES[extname(file).toLowerCase()];
      if (input.contentType === undefined && type) input.contentType = type;
    },
  },
  'nodes.get': {
    options: () => [new Option('--reveal', 'show the node password (tsmPassword)')],
    view: (options) => ({ reveal: options.reveal === true }),
  },
};
