import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const dir = tempDir();
const has = (shell: string) => spawnSync(shell, ['--version']).status === 0;
/** Why a shell's own check cannot run, in the test's name, or '' when it can. */
const missing = (shell: string) =>
  has(shell) ? '' : ` (skipped: ${shell} is not installed; apt-get install ${shell})`;

/** What bash completes for the words typed so far (the last one being completed). */
function bashComplete(script: string, words: string[]): string[] {
  const file = join(dir, 'cloutapi.bash');
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = spawnSync(
    'bash',
    [
      '-c',
      `source '${file}'; COMP_WORDS=(cloutapi ${quoted}); COMP_CWORD=${words.length}; _cloutapi; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8', cwd: dir },
  );
  return out.stdout.split('\n').filter(Boolean);
}

/** The script for `shell`, checked by the shell's own parser and written to `dir/name`. */
async function installed(shell: string, name: string): Promise<string> {
  const { stdout } = await cli(['completion', shell]);
  expect(spawnSync(shell, ['-n', '-c', stdout]).status).toBe(0);
  const file = join(dir, name);
  writeFileSync(file, stdout);
  return file;
}

describe('cloutapi completion', () => {
  it('bash: completes groups, actions, flags and flag values from the command tree', async () => {
    const { stdout, code } = await cli(['completion', 'bash']);
    expect(code).toBe(0);
    expect(spawnSync('bash', ['-n', '-c', stdout]).status).toBe(0);
    expect(bashComplete(stdout, ['cons'])).toEqual(['consumers', 'consumer']);
    expect(bashComplete(stdout, ['--json', 'nodes', 'sug'])).toEqual(['suggest-name']);
    expect(bashComplete(stdout, ['consumers', 'list', '--bu'])).toEqual(['--bunit-id', '--bunit']);
    // A destructive command's --yes, and only a destructive command's.
    expect(bashComplete(stdout, ['bunits', 'delete', '--ye'])).toEqual(['--yes']);
    expect(bashComplete(stdout, ['bunits', 'get', '--ye'])).toEqual([]);
    expect(bashComplete(stdout, ['audit', 'query', '--types', ''])).toEqual([
      'info',
      'create',
      'modify',
      'delete',
      'error',
    ]);
    expect(bashComplete(stdout, ['--config', 'x.yaml', 'enroll', '--re'])).toEqual([
      '--results',
      '--reveal-passwords',
    ]);
  });

  it('zsh: a compdef script with every group and described actions', async () => {
    const { stdout, code } = await cli(['completion', 'zsh']);
    expect(code).toBe(0);
    expect(stdout.startsWith('#compdef cloutapi')).toBe(true);
    expect(stdout).toContain('compdef _cloutapi cloutapi');
    expect(stdout).toMatch(/\('consumers'\) print -rl -- 'list:List the consumption units/);
    expect(stdout).toContain("'--bunit-id:");
  });

  it.skipIf(!has('zsh'))(
    `zsh itself parses the script and completes from it${missing('zsh')}`,
    async () => {
      const file = await installed('zsh', '_cloutapi');
      // zsh's completion builtins stubbed to print what they were given.
      const complete = (words: string[]) =>
        spawnSync(
          'zsh',
          [
            '-c',
            `_describe() { local arr=\${@[-1]}; print -rl -- "\${(@P)arr}"; }; compadd() { shift; print -rl -- "\${(@P)1}"; }; compdef() { :; }; source '${file}'; words=(cloutapi ${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length + 1}; _cloutapi`,
          ],
          { encoding: 'utf8' },
        ).stdout;
      expect(complete(['nodes', 'sug'])).toMatch(/^suggest-name:Get the node name/m);
      expect(complete(['--json', 'consumers', 'list', '--b'])).toMatch(
        /^--bunit-id:Business unit id/m,
      );
      expect(complete(['audit', 'query', '--types', '']).split('\n')).toContain('delete');
    },
  );

  it('fish: complete -c lines for every group, action and flag', async () => {
    const { stdout, code } = await cli(['completion', 'fish']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/complete -c cloutapi -n '__cloutapi_at ""' -a 'consumers'/);
    expect(stdout).toMatch(
      /complete -c cloutapi -n '__cloutapi_at "consumers list"' -l bunit-id -x/,
    );
    expect(stdout).toMatch(/-l types -x -a 'info create modify delete error'/);
    expect(stdout).toMatch(/-l from -r -F/);
  });

  it.skipIf(!has('fish'))(
    `fish itself parses the script and completes from it${missing('fish')}`,
    async () => {
      const file = await installed('fish', 'cloutapi.fish');
      const complete = (line: string) =>
        spawnSync('fish', ['-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' })
          .stdout;
      expect(complete('cloutapi nodes sug')).toMatch(/^suggest-name\tGet the node name/m);
      expect(complete('cloutapi --json consumers list --bu')).toMatch(/^--bunit-id\t/m);
      expect(complete('cloutapi audit query --types ')).toMatch(/^delete\t/m);
    },
  );

  it('refuses other shells (exit 2)', async () => {
    const result = await cli(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bash, zsh, fish/);
  });
});
