/**
 * `uia calibrate [--dataset NAME] [--name SET] [--dry-run] [--json]`: calibrate the rate multipliers
 * across recorded operations (METHOD.md §7) through the API's postop.calibrate, so reviews can be scripted.
 */
import type { Command } from '../command';
import { callOrFail } from '../command';
import { datasetIdByName } from './assess';
import type { CalibrationReply } from '../../api/postop-contract';
import type { Multiplier } from '../../postop/calibrate';
import type { Locale } from '../../i18n/locale';

const fmt = (x: number | null, loc: Locale) => (x === null ? '-' : loc.number({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x));
const line = (label: string, m: Multiplier, loc: Locale) => `  ${loc.t('cli:calibrate.multiplier', {
  label, factor: fmt(m.calibrated, loc), low: fmt(m.p05, loc), high: fmt(m.p95, loc), n: loc.number().format(m.n), level: loc.number({ style: 'percent' }).format(0.9),
  looDefault: fmt(m.loo.default, loc), looCalibrated: fmt(m.loo.calibrated, loc),
})}`;

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
    const loc = ctx.loc, t = loc.t;
    ctx.out(t('cli:calibrate.used', { count: r.used.length, n: loc.number().format(r.used.length), list: r.used.map((u) => `${u.name} (#${u.operationId})`).join(', ') }));
    // The reason a review was left out is worded by the calibration (English for now).
    for (const s of r.skipped) ctx.out(`  ${t('cli:calibrate.leftOut', { name: s.name, id: String(s.operationId), reason: s.reason })}`);
    ctx.out(line(t('cli:calibrate.killed'), m.casualtyKilled, loc));
    ctx.out(line(t('cli:calibrate.injured'), m.casualtyInjured, loc));
    ctx.out(line(t('cli:calibrate.damage'), m.damage, loc));
    for (const [k, v] of Object.entries(m.damageByZone)) ctx.out(line(t('cli:calibrate.damageZone', { zone: k }), v, loc));
    ctx.out(r.savedAs ? t('cli:calibrate.stored', { name: r.savedAs }) : t('cli:calibrate.notStored'));
  },
};
