/**
 * Record what happened after an operation: import observed building damage files (paths on this
 * computer), and forms for facility status, service outages and casualty reports. Every form is
 * checked before it is sent; the API checks again and a field it refuses is shown beside that field.
 */
import { useEffect, useState } from 'react';
import { ApiCallError, call } from '../api/client';
import type { Output } from '../../core/api/contract';
import {
  CONFIDENCE_OPTIONS, DAMAGE_CLASS_LABELS, DAMAGE_OPTIONS, GROUP_OPTIONS, SECTOR_OPTIONS,
  emptyCasualty, emptyFacility, emptyOutage, parseCasualty, parseFacility, parseOutage, parsePaths, searchFacilities,
  type CasualtyValues, type CommonValues, type FacilityValues, type FieldErrors, type OutageValues,
} from './forms';

type Ctx = { datasetId: number; operationId: number };
type ImportSummary = Output<'observations.import'>;

function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  return errors[name] ? <span className="error small" role="alert" data-testid={`error-${name}`}>{errors[name]}</span> : null;
}

/** The API's error as field errors (or a general one under "_"). */
function apiErrors(e: unknown): FieldErrors {
  if (e instanceof ApiCallError) return { [e.body.field ?? '_']: e.body.message };
  return { _: (e as Error).message };
}

function CommonFields<T extends CommonValues>({ v, set, errors }: { v: T; set(p: Partial<T>): void; errors: FieldErrors }) {
  return (
    <>
      <label>Source (who reported it)
        <input value={v.source} onChange={(e) => set({ source: e.target.value } as Partial<T>)} placeholder="e.g. hospital registers, utility, OCHA" data-testid="obs-source" />
        <FieldError errors={errors} name="source" />
      </label>
      <div className="postop-grid">
        <label>Confidence
          <select value={v.confidence} onChange={(e) => set({ confidence: e.target.value } as Partial<T>)}>
            {CONFIDENCE_OPTIONS.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label>Observed on
          <input type="date" value={v.observedAt} onChange={(e) => set({ observedAt: e.target.value } as Partial<T>)} />
          <FieldError errors={errors} name="observedAt" />
        </label>
      </div>
      <label>Note
        <input value={v.note} onChange={(e) => set({ note: e.target.value } as Partial<T>)} />
        <FieldError errors={errors} name="note" />
      </label>
    </>
  );
}

function useForm<T>(empty: () => T) {
  const [v, setV] = useState<T>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const set = (p: Partial<T>) => { setV((old) => ({ ...old, ...p })); setSaved(null); };
  return { v, set, errors, setErrors, saved, setSaved, reset: () => setV(empty()) };
}

async function submit<T>(parsed: { ok: true; value: T } | { ok: false; errors: FieldErrors }, send: (value: T) => Promise<unknown>,
  f: { setErrors(e: FieldErrors): void; setSaved(s: string | null): void; reset(): void }, what: string, onRecorded: () => void) {
  if (!parsed.ok) { f.setErrors(parsed.errors); return; }
  f.setErrors({});
  try {
    await send(parsed.value);
    f.setSaved(`${what} recorded.`);
    f.reset();
    onRecorded();
  } catch (e) { f.setErrors(apiErrors(e)); }
}

type FacilityChoice = { id: string; name: string; sector: string; kind: string };

export function FacilityStatusForm({ ctx, onRecorded }: { ctx: Ctx; onRecorded(): void }) {
  const f = useForm<FacilityValues>(emptyFacility);
  const [facilities, setFacilities] = useState<FacilityChoice[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    let live = true;
    call('datasets.layers', { datasetId: ctx.datasetId }).then((l) => {
      if (live) setFacilities(l.facilities.features.map((x) => x.properties as FacilityChoice).sort((a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name)));
    }).catch((e) => f.setErrors({ facilityId: `cannot list the facilities: ${(e as Error).message}` }));
    return () => { live = false; };
  }, [ctx.datasetId]);
  const { v, set, errors } = f;
  const matches = searchFacilities(facilities, query);
  const chosen = facilities.find((x) => x.id === v.facilityId);
  // The chosen facility stays listed while the search narrows to others.
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  return (
    <form className="postop-form" data-testid="facility-form" onSubmit={(e) => { e.preventDefault(); void submit(parseFacility(v, ctx), (x) => call('observations.recordFacilityStatus', x), f, 'Facility status', onRecorded); }}>
      <label>Facility (search by name, sector or kind)
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. hospital, pumping" data-testid="facility-search" />
        <select value={v.facilityId} onChange={(e) => set({ facilityId: e.target.value })} data-testid="facility-select" aria-label="Facility">
          <option value="">{facilities.length ? `choose one of ${shown.length.toLocaleString('en-GB')} facilities…` : 'no facility in this dataset'}</option>
          {shown.map((x) => <option key={x.id} value={x.id}>{x.name} — {x.sector}, {x.kind}</option>)}
        </select>
        <FieldError errors={errors} name="facilityId" />
      </label>
      <div className="postop-grid">
        <label className="inline"><input type="checkbox" checked={v.down} onChange={(e) => set({ down: e.target.checked, ...(e.target.checked ? {} : { daysToRestore: '' }) })} data-testid="facility-down" /> Out of service after the operation</label>
        <label>Days until restored (blank if still down or unknown)
          <input inputMode="decimal" value={v.daysToRestore} disabled={!v.down} onChange={(e) => set({ daysToRestore: e.target.value })} data-testid="facility-days" />
          <FieldError errors={errors} name="daysToRestore" />
        </label>
        <label>Damage seen
          <select value={v.damage} onChange={(e) => set({ damage: e.target.value as FacilityValues['damage'] })}>
            <option value="">not seen</option>
            {DAMAGE_OPTIONS.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
      </div>
      <CommonFields v={v} set={set} errors={errors} />
      <FieldError errors={errors} name="_" />
      {f.saved && <p className="hint" role="status">{f.saved}</p>}
      <button type="submit" data-testid="facility-submit">Record facility status</button>
    </form>
  );
}

export function ServiceOutageForm({ ctx, onRecorded }: { ctx: Ctx; onRecorded(): void }) {
  const f = useForm<OutageValues>(emptyOutage);
  const { v, set, errors } = f;
  return (
    <form className="postop-form" data-testid="outage-form" onSubmit={(e) => { e.preventDefault(); void submit(parseOutage(v, ctx), (x) => call('observations.recordServiceOutage', x), f, 'Service outage', onRecorded); }}>
      <div className="postop-grid">
        <label>Service
          <select value={v.sector} onChange={(e) => set({ sector: e.target.value as OutageValues['sector'] })} data-testid="outage-sector">
            <option value="">choose…</option>
            {SECTOR_OPTIONS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
          <FieldError errors={errors} name="sector" />
        </label>
        <label>People without it
          <input inputMode="numeric" value={v.people} onChange={(e) => set({ people: e.target.value })} data-testid="outage-people" />
          <FieldError errors={errors} name="people" />
        </label>
        <label>Days (mean)
          <input inputMode="decimal" value={v.days} onChange={(e) => set({ days: e.target.value })} data-testid="outage-days" />
          <FieldError errors={errors} name="days" />
        </label>
      </div>
      <CommonFields v={v} set={set} errors={errors} />
      <FieldError errors={errors} name="_" />
      {f.saved && <p className="hint" role="status">{f.saved}</p>}
      <button type="submit" data-testid="outage-submit">Record outage</button>
    </form>
  );
}

export function CasualtyReportForm({ ctx, onRecorded }: { ctx: Ctx; onRecorded(): void }) {
  const f = useForm<CasualtyValues>(emptyCasualty);
  const { v, set, errors } = f;
  const [groups, setGroups] = useState(false);
  const setGroup = (g: (typeof GROUP_OPTIONS)[number], k: 'killed' | 'injured', value: string) =>
    set({ byGroup: { ...v.byGroup, [g]: { killed: '', injured: '', ...v.byGroup[g], [k]: value } } });
  return (
    <form className="postop-form" data-testid="casualty-form" onSubmit={(e) => { e.preventDefault(); void submit(parseCasualty(v, ctx), (x) => call('observations.recordCasualtyReport', x), f, 'Casualty report', onRecorded); }}>
      <div className="postop-grid">
        <label>Killed
          <input inputMode="numeric" value={v.killed} onChange={(e) => set({ killed: e.target.value })} data-testid="casualty-killed" />
          <FieldError errors={errors} name="killed" />
        </label>
        <label>Injured (all)
          <input inputMode="numeric" value={v.injured} onChange={(e) => set({ injured: e.target.value })} data-testid="casualty-injured" />
          <FieldError errors={errors} name="injured" />
        </label>
        <label>of whom seriously
          <input inputMode="numeric" value={v.seriouslyInjured} onChange={(e) => set({ seriouslyInjured: e.target.value })} data-testid="casualty-serious" />
          <FieldError errors={errors} name="seriouslyInjured" />
        </label>
      </div>
      <button type="button" className="link" onClick={() => setGroups(!groups)}>{groups ? 'Hide' : 'Add'} breakdown by group (where the source gives it)</button>
      {groups && (
        <table className="table postop-groups">
          <thead><tr><th>Group</th><th>Killed</th><th>Injured</th></tr></thead>
          <tbody>
            {GROUP_OPTIONS.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                <td><input inputMode="numeric" value={v.byGroup[g]?.killed ?? ''} onChange={(e) => setGroup(g, 'killed', e.target.value)} /><FieldError errors={errors} name={`byGroup.${g}.killed`} /></td>
                <td><input inputMode="numeric" value={v.byGroup[g]?.injured ?? ''} onChange={(e) => setGroup(g, 'injured', e.target.value)} /><FieldError errors={errors} name={`byGroup.${g}.injured`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CommonFields v={v} set={set} errors={errors} />
      <FieldError errors={errors} name="_" />
      {f.saved && <p className="hint" role="status">{f.saved}</p>}
      <button type="submit" data-testid="casualty-submit">Record casualty report</button>
    </form>
  );
}

export function DamageImportForm({ ctx, onImported }: { ctx: Ctx; onImported(): void }) {
  const [files, setFiles] = useState('');
  const [footprint, setFootprint] = useState('');
  const [sensorDate, setSensorDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // Damage far from the dataset or the operation is refused naming how many; the user may then confirm.
  const [outside, setOutside] = useState<string | null>(null);
  const run = async (confirmOutside = false) => {
    const list = parsePaths(files);
    if (!list.length) { setError('give at least one file path'); return; }
    setBusy(true); setError(null); setSummary(null); setOutside(null);
    try {
      const s = await call('observations.import', {
        files: [...list, ...parsePaths(footprint)], dataset: ctx.datasetId, operationId: ctx.operationId, ...(sensorDate ? { sensorDate } : {}),
        ...(confirmOutside ? { confirmOutside: true } : {}),
      });
      setSummary(s);
      onImported();
    } catch (e) {
      if (e instanceof ApiCallError && e.body.field === 'confirmOutside') setOutside(e.body.message);
      else setError((e as Error).message);
    } finally { setBusy(false); }
  };
  return (
    <div className="postop-form" data-testid="damage-import">
      <label>Damage files on this computer, one path per line (UNOSAT or Copernicus EMS: GeoJSON, shapefile, CSV)
        <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} data-testid="damage-files" />
      </label>
      <label>Observed footprint (area analysed), if not in the product — only damage inside it counts
        <input value={footprint} onChange={(e) => setFootprint(e.target.value)} placeholder="path to a polygon file (optional)" />
      </label>
      <label>Sensor date, for products whose files carry none (CEMS)
        <input type="date" value={sensorDate} onChange={(e) => setSensorDate(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {outside && (
        <div className="area-card" data-testid="damage-outside-refusal">
          <p className="error" role="alert">{outside}</p>
          <button onClick={() => void run(true)} disabled={busy} data-testid="damage-confirm-outside">Store them anyway</button>
        </div>
      )}
      <button onClick={() => void run()} disabled={busy} data-testid="damage-import-start">{busy ? 'Importing…' : 'Import damage'}</button>
      {summary && (
        <div className="area-card postop-summary" data-testid="damage-summary">
          <table className="table">
            <tbody>
              {[4, 3, 2, 1, 0].map((c) => <tr key={c}><td>{DAMAGE_CLASS_LABELS[c]}</td><td className="num">{summary.byClass[c as 0 | 1 | 2 | 3 | 4].toLocaleString('en-GB')}</td></tr>)}
              <tr><td>Outside the observed footprint (not stored)</td><td className="num" data-testid="damage-outside">{summary.outsideFootprint.toLocaleString('en-GB')}</td></tr>
            </tbody>
          </table>
          {summary.products.map((p) => <p key={p.product} className="muted">{p.product} {p.versionLabel}: {p.stored.toLocaleString('en-GB')} stored, {p.replaced.toLocaleString('en-GB')} replaced; footprint {p.footprint}</p>)}
          {summary.products.every((p) => p.footprint === 'none') && <p className="hint">No observed footprint: building damage cannot be scored, because outside an analysed area no record is not evidence of no damage.</p>}
          {summary.skipped.map((s) => <p key={s.reason} className="muted">Skipped {s.count}: {s.reason}</p>)}
        </div>
      )}
    </div>
  );
}
