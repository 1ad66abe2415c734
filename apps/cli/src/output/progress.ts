import type { SingleBar } from 'cli-progress';

/** A progress bar on stderr drawn with `format` (cli-progress, loaded only when one is shown). */
export async function progressBar(format: string): Promise<SingleBar> {
  const { SingleBar, Presets } = await import('cli-progress');
  const options = { format, stream: process.stderr, hideCursor: true, clearOnComplete: true };
  return new SingleBar(options, Presets.shades_classic);
}
