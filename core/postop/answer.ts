/**
 * A trainee's answer to a scenario package (issue 16): which option they chose and their estimate
 * of every option, in one small JSON file the trainer collects. It names the package by the SHA-256
 * of the package file, so an answer is only ever scored against the scenario it was made for.
 *
 * File: JSON { format: "uia-scenario-answer", schemaVersion: 1, ... }, validated with zod on read.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as z from 'zod';
import { AssessmentResult } from '../model/assessment';
import { PostopError } from './errors';

export const ANSWER_FORMAT = 'uia-scenario-answer';
export const ANSWER_SCHEMA_VERSION = 1;

export const ScenarioAnswer = z.object({
  format: z.literal(ANSWER_FORMAT),
  schemaVersion: z.literal(ANSWER_SCHEMA_VERSION),
  scenario: z.object({ title: z.string(), packageSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  trainee: z.string().trim().min(1, 'the trainee needs a name').max(200),
  /** The phase answered; absent in answers to one-phase scenarios (phase 1). */
  phase: z.number().int().min(1).max(10).optional(),
  /** The option the trainee would carry out, by name (one of the package's options). */
  chosenOption: z.string().min(1),
  rationale: z.string().max(20_000),
  /** The trainee's estimate of each option of the phase answered. */
  estimates: z.array(z.object({ option: z.string().min(1), result: AssessmentResult })).min(1),
  createdAt: z.string(),
  appVersion: z.string(),
}).refine((a) => a.estimates.some((e) => e.option === a.chosenOption), { message: 'the chosen option has no estimate', path: ['chosenOption'] });
export type ScenarioAnswer = z.infer<typeof ScenarioAnswer>;

/** The identity of a package file: SHA-256 of its bytes. */
export function packageSha256(path: string): string {
  try { return createHash('sha256').update(readFileSync(path)).digest('hex'); } catch (e) {
    throw new PostopError(`cannot read package ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function writeAnswer(path: string, answer: ScenarioAnswer): number {
  const text = JSON.stringify(ScenarioAnswer.parse(answer));
  try { writeFileSync(path, text); } catch (e) { throw new PostopError(`cannot write the answer ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  return Buffer.byteLength(text);
}

/** Reads and checks one answer file; every refusal names the file. */
export function readAnswer(path: string): ScenarioAnswer {
  const name = basename(path);
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PostopError(`answer ${name} refused: ${code ? `cannot read it (${code})` : 'not readable JSON'}`);
  }
  if ((raw as { format?: unknown })?.format !== ANSWER_FORMAT) throw new PostopError(`answer ${name} refused: not a scenario answer`);
  const parsed = ScenarioAnswer.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new PostopError(`answer ${name} refused: ${i.path.join('.') || 'answer'}: ${i.message}`);
  }
  return parsed.data;
}
