/**
 * Nothing a user reads is written in the renderer's code: oxlint runs eslint-plugin-i18next's
 * no-literal-string (its JS plugin support runs on Node 20) over renderer/ with the settings of
 * tests/i18n/oxlintrc.json (literal strings in JSX text, user-visible attributes and expressions; class
 * names, test ids and attribute values such as type, dir, translate are allowed). One case per folder
 * of renderer/, so the failure names the folder and each finding's file:line.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/browser-mode';

interface Finding { file: string; line: number; message: string }

const folders = readdirSync(join(REPO, 'renderer')).filter((f) => statSync(join(REPO, 'renderer', f)).isDirectory());
const folderOf = (file: string) => { const parts = file.split('/'); return parts.length > 2 ? parts[1]! : '(top level)'; };
let findings: Finding[] = [];

/** oxlint's JSON report for a path (it exits 1 when it reports findings; a run without a report throws). */
function lint(path: string): { diagnostics: { filename: string; message: string; code: string; labels: { span: { line: number } }[] }[] } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(REPO, 'node_modules/oxlint/bin/oxlint'), '-c', 'tests/i18n/oxlintrc.json', '--format', 'json', path], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out.trim().startsWith('{')) throw e;
  }
  return JSON.parse(out);
}

beforeAll(() => {
  findings = lint('renderer').diagnostics.map((d) => ({ file: d.filename, line: d.labels[0]?.span.line ?? 0, message: `${d.code}: ${d.message}` }));
});

describe('no literal strings in the renderer (oxlint + eslint-plugin-i18next no-literal-string)', () => {
  it('the linter runs and sees the rule (a literal string is caught)', () => {
    const probe = lint('tests/i18n/probe.tsx').diagnostics;
    expect(probe.map((d) => d.code)).toEqual(['i18next(no-literal-string)']);
  });

  for (const folder of [...folders, '(top level)']) {
    it(`renderer/${folder === '(top level)' ? '*.tsx' : folder}: zero findings`, () => {
      const here = findings.filter((f) => folderOf(f.file) === folder);
      expect(here.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n')).toBe('');
    });
  }
});
