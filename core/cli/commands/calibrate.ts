/**
 * `uia calibrate [--dataset NAME] [--name SET] [--dry-run] [--json]`: calibrate the rate multipliers
 * across recorded operations (METHOD.md §7) through the API's postop.calibrate, so reviews can be scripted.
 */
import type { Command } from '../command';
import { callOrFail } from '../command';
import { datasetIdByName } from './assess';
import type { CalibrationReply } from '../../api/postop-contract';
import type { Multiplier } from '../../postop/calibrate';

const fmt = (x: number | null) => (x === null ? '-' : x.toFixed(2));
const line = (label: string, m: Multiplier) => `  ${label}: x${fmt(m.calibrated)} (90% ${fmt(m.p05)}-${fmt(m.p95)}, n ${m.n}); leave-one-out error default ${fmt(m.loo.default)}, calibrated ${fmt(m.loo.calibrated)}`;

export const calibrateCommand: Command = {
  name: 'calibrate',
  usage: 'uia calibrate [--dataset NAME] [--name SET] [--dry-run] [--json]',
  summary: 'Calibrate rate multipliers across operations with an assessment and observed outcomes; stores the set unless --dry-run.',
  options: { dataset: { type: 'string' }, name: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, _p, ctx) {
    const datasetId = typeof values.dataset === 'string' ? await datasetIdByName(ctx, values.dataset) : undefined;
    const r = await callOrFail(ctx, 'postop.calibrate', {
      ...(datasetId !== undefined ? { datasetId } : {}), ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
    });
    if (values.json) return ctx.out(JSON.stringify(r, null, 2));
    const m = r.calibration.multipliers;
    ctx.out(`Calibrated on ${r.used.length} operation(s): ${r.used.map((u) => `${u.name} (#${u.operationId})`).join(', ')}`);
    for (const s of r.skipped) ctx.out(`  left out ${s.name} (#${s.operationId}): ${s.reason}`);
    ctx.out(line('killed rates', m.casualtyKilled));
    ctx.out(line('injured rates', m.casualtyInjured));
    ctx.out(line('damage, all zones', m.damage));
    for (const [k, v] of Object.entries(m.damageByZone)) ctx.out(line(`damage, zone ${k}`, v));
    ctx.out(r.savedAs ? `Stored as parameter set "${r.savedAs}" (choose it in the app or the API to use it).` : 'Not stored (--dry-run).');
  },
};
