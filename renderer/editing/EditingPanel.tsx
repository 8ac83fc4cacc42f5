/**
 * The infrastructure editing workspace (issue 5), for civil engineers: find a facility, edit or move
 * it, add or delete one; its dependencies (draw one by choosing supplier then consumer, set backup
 * days); its service area (from the polygon drawn on the map); its history and undo; the author name
 * every change is recorded under; dataset export. Talks to the backend only through call(); a refused
 * edit shows the backend's reason inline, next to the field it names.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, ApiCallError } from '../api/client';
import type { Output } from '../../core/api/contract';
import type { Layers } from '../map/MapView';
import {
  CONSTRUCTION_CLASSES, FACILITY_KINDS, SECTORS, SERVICE_INPUTS,
  type ArealGeometry, type ConstructionClass, type Sector, type ServiceInput,
} from '../../core/model/dataset';
import { editInWords } from './history-words';
import { callSaving, useSaving } from './saving';
import './editing.css';

/** What a map click gives the panel: where, and the facility under the pointer if any. */
export interface MapPick { lonLat: [number, number]; facilityId: string | null }
/** The panel asks for one map click: `onPick` to receive it, or null to stop asking. `prompt` says what to click. */
export type PickOnMap = (onPick: ((pick: MapPick) => void) | null, prompt?: string) => void;

export interface EditingPanelProps {
  datasetId: number;
  layers: Layers | null;
  /** Called after every change (edit, undo): reload `datasets.layers` (and `datasets.list` for counts). */
  onChanged(): void;
  /** Optional: wire to map clicks so facilities and points can be picked on the map. */
  pickOnMap?: PickOnMap;
  /** Optional: the polygon drawn on the map, offered as the selected facility's service area. */
  drawnArea?: ArealGeometry | null;
  /** Optional: centre the map on a facility. */
  onFlyTo?(lonLat: [number, number]): void;
  /** Optional: a facility to select from outside (e.g. clicked on the map while no pick is pending). */
  selectedFacilityId?: string | null;
}

type Detail = Output<'facilities.get'>;
type Edit = Output<'edits.list'>['edits'][number];
type FacilityItem = { id: string; name: string; sector: Sector; kind: string; lonLat: [number, number] };
interface Failure { message: string; field?: string }

const failure = (e: unknown): Failure => (e instanceof ApiCallError ? { message: e.body.message, field: e.body.field } : { message: (e as Error).message });
const label = (s: string) => s.replace(/_/g, ' ');

function ErrorLine({ error, testId }: { error: Failure | null; testId: string }) {
  return error ? <p className="error" role="alert" data-testid={testId}>{error.message}</p> : null;
}

export function EditingPanel(props: EditingPanelProps) {
  const { datasetId, layers, onChanged, pickOnMap } = props;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [history, setHistory] = useState<Edit[]>([]);
  const [nextUndo, setNextUndo] = useState<Edit | null>(null);
  const [historyError, setHistoryError] = useState<Failure | null>(null);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState<string | null>(null);
  // The author is asked once, before the first edit; undefined while it loads.
  const [author, setAuthor] = useState<string | null | undefined>(undefined);
  const [authorError, setAuthorError] = useState<Failure | null>(null);
  useEffect(() => { call('settings.getAuthor', {}).then((r) => setAuthor(r.author)).catch((e) => setAuthorError(failure(e))); }, []);
  const saving = useSaving();

  const facilities = useMemo<FacilityItem[]>(() => (layers?.facilities.features ?? []).map((f) => {
    const p = f.properties as { id: string; name: string; sector: Sector; kind: string };
    return { id: String(p.id), name: p.name, sector: p.sector, kind: p.kind, lonLat: ((f.geometry as { coordinates: number[] }).coordinates.slice(0, 2) as [number, number]) };
  }), [layers]);
  const byId = useMemo(() => new Map(facilities.map((f) => [f.id, f])), [facilities]);
  const nameOf = useCallback((id: string) => byId.get(id)?.name, [byId]);

  useEffect(() => { setSelectedId(null); setDetail(null); setAdding(false); }, [datasetId]);
  useEffect(() => { if (props.selectedFacilityId) { setSelectedId(props.selectedFacilityId); setAdding(false); } }, [props.selectedFacilityId]);

  const loadDetail = useCallback(async (id: string | null) => {
    if (id === null) { setDetail(null); return; }
    try { setDetail(await call('facilities.get', { datasetId, id })); } catch { setDetail(null); setSelectedId(null); }
  }, [datasetId]);
  const loadHistory = useCallback(async () => {
    try {
      const r = await call('edits.list', { datasetId, ...(selectedId ? { facilityId: selectedId } : {}), limit: 200 });
      setHistory(r.edits); setNextUndo(r.nextUndo); setHistoryError(null);
    } catch (e) { setHistoryError(failure(e)); }
  }, [datasetId, selectedId]);

  useEffect(() => { void loadDetail(selectedId); }, [selectedId, loadDetail]);
  useEffect(() => { void loadHistory(); }, [loadHistory]);

  /** After any change: reload what this panel shows, and tell the app (map layers, counts). */
  const changed = useCallback(async (select?: string | null) => {
    if (select !== undefined) setSelectedId(select);
    await Promise.all([loadDetail(select === undefined ? selectedId : select), loadHistory()]);
    onChanged();
  }, [loadDetail, loadHistory, onChanged, selectedId]);

  // The latest pickOnMap, so an app that passes a new function on every render does not cancel a pending pick.
  const pickRef = useRef(pickOnMap);
  pickRef.current = pickOnMap;
  const canPick = pickOnMap !== undefined;
  /** One map click, if the app wired map clicks; the panel shows what to click until it comes or is cancelled. */
  const pick = useCallback((prompt: string, then: (p: MapPick) => void) => {
    if (!pickRef.current) return;
    setPicking(prompt);
    pickRef.current((p) => { setPicking(null); pickRef.current?.(null); then(p); }, prompt);
  }, []);
  const cancelPick = () => { setPicking(null); pickRef.current?.(null); };
  // Leaving the panel (tab switch, dataset change) stops asking for a click.
  useEffect(() => () => { pickRef.current?.(null); }, []);

  const undo = async () => {
    try {
      const r = await callSaving('edits.undo', { datasetId });
      setHistoryError(null);
      const stillThere = selectedId !== null && !(r.undone.entity === 'facility' && r.undone.entityId === selectedId && r.undone.action === 'create');
      await changed(stillThere ? selectedId : r.undone.entity === 'facility' && r.undone.action === 'delete' ? r.undone.entityId : null);
    } catch (e) { setHistoryError(failure(e)); }
  };

  return (
    <div className="editing" data-testid="editing" aria-busy={saving}>
      {saving && <div className="saving" role="status" data-testid="saving">Saving…</div>}
      <AuthorSetting author={author ?? null} loading={author === undefined} loadError={authorError} onSaved={setAuthor} />
      {picking && (
        <div className="pick-banner" role="status" data-testid="pick-banner">
          {picking} <button className="link" onClick={cancelPick}>Cancel</button>
        </div>
      )}
      {author ? <>
      <section>
        <h2>Facilities</h2>
        <FacilityFinder facilities={facilities} selectedId={selectedId} onSelect={(id) => { setSelectedId(id); setAdding(false); }} onFlyTo={props.onFlyTo} />
        <div className="row">
          <button className="plain" onClick={() => { setAdding(true); setSelectedId(null); }} data-testid="add-facility">Add facility…</button>
        </div>
        {adding && (
          <NewFacilityForm datasetId={datasetId} pick={canPick ? pick : undefined}
            onCancel={() => setAdding(false)}
            onCreated={(id) => { setAdding(false); void changed(id); }} />
        )}
      </section>
      {detail && (
        <>
          <FacilityForm key={`${detail.facility.id}:${JSON.stringify(detail.facility)}`} datasetId={datasetId} detail={detail} pick={canPick ? pick : undefined}
            onSaved={() => void changed()} onDeleted={() => void changed(null)} />
          <DependencyEditor datasetId={datasetId} detail={detail} facilities={facilities} byId={byId} pick={canPick ? pick : undefined} onChanged={() => void changed()} />
          <ServiceAreaEditor datasetId={datasetId} detail={detail} drawnArea={props.drawnArea ?? null} onChanged={() => void changed()} />
        </>
      )}
      </> : author === null && <p className="hint" data-testid="author-first">Enter your name above before the first edit: every change is recorded with it.</p>}
      <section data-testid="history">
        <h2>{selectedId ? `History of ${byId.get(selectedId)?.name ?? selectedId}` : 'History of the dataset'}</h2>
        <div className="row">
          <button className="plain" onClick={undo} disabled={!nextUndo} data-testid="undo-edit"
            title={nextUndo ? `Undo: ${editInWords(nextUndo, nameOf)}` : 'Nothing to undo'}>
            Undo last edit
          </button>
          {nextUndo && <span className="muted" data-testid="next-undo">{editInWords(nextUndo, nameOf)}</span>}
        </div>
        <ErrorLine error={historyError} testId="history-error" />
        <HistoryTable edits={history} nameOf={nameOf} />
      </section>
      <ExportBox datasetId={datasetId} />
    </div>
  );
}

// ---------- author ----------

function AuthorSetting({ author, loading, loadError, onSaved }: { author: string | null; loading: boolean; loadError: Failure | null; onSaved(author: string): void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { setDraft(author ?? ''); }, [author]);
  const save = async () => {
    try {
      const r = await call('settings.setAuthor', { author: draft });
      onSaved(r.author); setDraft(r.author); setError(null); setSaved(true);
    } catch (e) { setError(failure(e)); setSaved(false); }
  };
  return (
    <section className={`author ${author === null && !loading ? 'ask' : ''}`} data-testid="author">
      <label className="field">{author === null && !loading ? 'Your name (recorded with every edit)' : 'Edits recorded as'}
        <input value={draft} onChange={(e) => { setDraft(e.target.value); setSaved(false); }} placeholder="your name" aria-label="Author" data-testid="author-input"
          onKeyDown={(e) => { if (e.key === 'Enter') void save(); }} aria-invalid={error?.field === 'author'} />
      </label>
      <button className="plain" onClick={save} disabled={draft.trim() === '' || draft.trim() === (author ?? '')} data-testid="author-save">Save</button>
      {saved && <span className="muted">saved</span>}
      <ErrorLine error={error ?? loadError} testId="author-error" />
    </section>
  );
}

// ---------- finding a facility ----------

function FacilityFinder({ facilities, selectedId, onSelect, onFlyTo }: {
  facilities: FacilityItem[]; selectedId: string | null; onSelect(id: string): void; onFlyTo?(lonLat: [number, number]): void;
}) {
  const [query, setQuery] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return facilities.filter((f) => (!sector || f.sector === sector) && (!q || f.name.toLowerCase().includes(q) || f.id.toLowerCase().includes(q) || label(f.kind).includes(q)));
  }, [facilities, query, sector]);
  return (
    <div className="finder">
      <div className="row">
        <input type="search" placeholder="Search name, id or kind" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search facilities" data-testid="facility-search" />
        <select value={sector} onChange={(e) => setSector(e.target.value as Sector | '')} aria-label="Sector filter" data-testid="sector-filter">
          <option value="">all sectors</option>
          {SECTORS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <div className="facility-list">
        <table className="table">
          <tbody>
            {shown.slice(0, 300).map((f) => (
              <tr key={f.id} className={f.id === selectedId ? 'current' : ''} data-testid="facility-row">
                <td><span className={`sector-dot s-${f.sector}`} /></td>
                <td><button className="link" onClick={() => { onSelect(f.id); onFlyTo?.(f.lonLat); }}>{f.name || f.id}</button></td>
                <td className="muted">{label(f.kind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted">No facility matches.</p>}
        {shown.length > 300 && <p className="muted">{shown.length - 300} more: refine the search.</p>}
      </div>
    </div>
  );
}

// ---------- facility forms ----------

interface FacilityDraft {
  name: string; sector: Sector; kind: string; construction: ConstructionClass;
  beds: string; peopleServed: string; mw: string; lon: string; lat: string;
}

const numberOrUndefined = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
function capacityOf(d: FacilityDraft) {
  const c: { beds?: number; peopleServed?: number; mw?: number } = {};
  const beds = numberOrUndefined(d.beds); const people = numberOrUndefined(d.peopleServed); const mw = numberOrUndefined(d.mw);
  if (beds !== undefined) c.beds = beds;
  if (people !== undefined) c.peopleServed = people;
  if (mw !== undefined) c.mw = mw;
  return c;
}
/** Fields the browser can check before asking (numbers that are not numbers); the backend checks the rest. */
function localCheck(d: FacilityDraft, prefix: string): Failure | null {
  for (const [key, field] of [['beds', 'capacity.beds'], ['peopleServed', 'capacity.peopleServed'], ['mw', 'capacity.mw'], ['lon', 'geometry.coordinates.0'], ['lat', 'geometry.coordinates.1']] as const) {
    const v = d[key];
    if (v.trim() !== '' && !Number.isFinite(Number(v))) return { message: `${prefix}${field}: "${v}" is not a number`, field: `${prefix}${field}` };
  }
  if (d.lon.trim() === '' || d.lat.trim() === '') return { message: `${prefix}geometry: give longitude and latitude`, field: `${prefix}geometry` };
  return null;
}

function FacilityFields({ draft, set, error, prefix, pick, pickLabel }: {
  draft: FacilityDraft; set(d: Partial<FacilityDraft>): void; error: Failure | null; prefix: string;
  pick?: (prompt: string, then: (p: MapPick) => void) => void; pickLabel: string;
}) {
  const bad = (field: string) => error?.field !== undefined && (error.field === prefix + field || error.field.startsWith(`${prefix + field}.`));
  const kinds = FACILITY_KINDS[draft.sector] as readonly string[];
  return (
    <div className="facility-fields">
      <label>Name<input value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="f-name" aria-invalid={bad('name')} /></label>
      <label>Sector
        <select value={draft.sector} data-testid="f-sector" aria-invalid={bad('sector')}
          onChange={(e) => { const sector = e.target.value as Sector; set({ sector, kind: (FACILITY_KINDS[sector] as readonly string[]).includes(draft.kind) ? draft.kind : FACILITY_KINDS[sector][0] }); }}>
          {SECTORS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Kind
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="f-kind" aria-invalid={bad('kind')}>
          {kinds.map((k) => <option key={k} value={k}>{label(k)}</option>)}
        </select>
      </label>
      <label>Construction
        <select value={draft.construction} onChange={(e) => set({ construction: e.target.value as ConstructionClass })} data-testid="f-construction" aria-invalid={bad('construction')}>
          {CONSTRUCTION_CLASSES.map((c) => <option key={c} value={c}>{CONSTRUCTION_LABELS[c]}</option>)}
        </select>
      </label>
      <fieldset className="capacity">
        <legend>Capacity <span className="muted">(leave empty when unknown)</span></legend>
        <label>Beds<input type="number" min={0} value={draft.beds} onChange={(e) => set({ beds: e.target.value })} data-testid="f-beds" aria-invalid={bad('capacity.beds')} /></label>
        <label>People served<input type="number" min={0} value={draft.peopleServed} onChange={(e) => set({ peopleServed: e.target.value })} data-testid="f-people" aria-invalid={bad('capacity.peopleServed')} /></label>
        <label>MW<input type="number" min={0} step="any" value={draft.mw} onChange={(e) => set({ mw: e.target.value })} data-testid="f-mw" aria-invalid={bad('capacity.mw')} /></label>
      </fieldset>
      <fieldset className="location">
        <legend>Location (WGS84)</legend>
        <label>Longitude<input type="number" step="any" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} data-testid="f-lon" aria-invalid={bad('geometry')} /></label>
        <label>Latitude<input type="number" step="any" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} data-testid="f-lat" aria-invalid={bad('geometry')} /></label>
        {pick && <button type="button" className="link" data-testid="f-pick-location"
          onClick={() => pick(pickLabel, (p) => set({ lon: p.lonLat[0].toFixed(6), lat: p.lonLat[1].toFixed(6) }))}>Pick on map</button>}
      </fieldset>
    </div>
  );
}

const CONSTRUCTION_LABELS: Record<ConstructionClass, string> = { light: 'light / informal', urm: 'unreinforced masonry', rc: 'reinforced concrete', steel: 'steel' };

function NewFacilityForm({ datasetId, pick, onCancel, onCreated }: {
  datasetId: number; pick?: (prompt: string, then: (p: MapPick) => void) => void; onCancel(): void; onCreated(id: string): void;
}) {
  const [draft, setDraft] = useState<FacilityDraft>({ name: '', sector: 'health', kind: 'clinic', construction: 'rc', beds: '', peopleServed: '', mw: '', lon: '', lat: '' });
  const [error, setError] = useState<Failure | null>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Ask for the location on the map straight away when the app wired map clicks.
    if (pick && !asked.current) { asked.current = true; pick('Click on the map where the new facility is.', (p) => setDraft((d) => ({ ...d, lon: p.lonLat[0].toFixed(6), lat: p.lonLat[1].toFixed(6) }))); }
  }, [pick]);
  const create = async () => {
    const local = localCheck(draft, 'facility.');
    if (local) { setError(local); return; }
    try {
      const r = await callSaving('facilities.create', { datasetId, facility: {
        name: draft.name.trim(), sector: draft.sector, kind: draft.kind as never, construction: draft.construction,
        capacity: capacityOf(draft), geometry: { type: 'Point', coordinates: [Number(draft.lon), Number(draft.lat)] },
      } });
      setError(null);
      onCreated(r.facility.id);
    } catch (e) { setError(failure(e)); }
  };
  return (
    <div className="edit-card" data-testid="new-facility">
      <h3>New facility</h3>
      <FacilityFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} error={error} prefix="facility." pick={pick} pickLabel="Click on the map where the new facility is." />
      <ErrorLine error={error} testId="new-facility-error" />
      <div className="row right">
        <button className="plain" onClick={onCancel}>Cancel</button>
        <button onClick={create} data-testid="create-facility">Add facility</button>
      </div>
    </div>
  );
}

function draftOf(f: Detail['facility']): FacilityDraft {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: f.name, sector: f.sector, kind: f.kind, construction: f.construction,
    beds: s(f.capacity.beds), peopleServed: s(f.capacity.peopleServed), mw: s(f.capacity.mw),
    lon: String(f.geometry.coordinates[0]), lat: String(f.geometry.coordinates[1]),
  };
}

function FacilityForm({ datasetId, detail, pick, onSaved, onDeleted }: {
  datasetId: number; detail: Detail; pick?: (prompt: string, then: (p: MapPick) => void) => void; onSaved(): void; onDeleted(): void;
}) {
  const f = detail.facility;
  const original = useMemo(() => draftOf(f), [f]);
  const [draft, setDraft] = useState<FacilityDraft>(original);
  const [error, setError] = useState<Failure | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);

  const save = async () => {
    const local = localCheck(draft, 'changes.');
    if (local) { setError(local); return; }
    const changes: Record<string, unknown> = {};
    if (draft.name !== original.name) changes.name = draft.name;
    if (draft.sector !== original.sector) changes.sector = draft.sector;
    if (draft.kind !== original.kind) changes.kind = draft.kind;
    if (draft.construction !== original.construction) changes.construction = draft.construction;
    if (draft.beds !== original.beds || draft.peopleServed !== original.peopleServed || draft.mw !== original.mw) changes.capacity = capacityOf(draft);
    if (draft.lon !== original.lon || draft.lat !== original.lat) changes.geometry = { type: 'Point', coordinates: [Number(draft.lon), Number(draft.lat)] };
    try {
      await callSaving('facilities.update', { datasetId, id: f.id, changes: changes as never });
      setError(null);
      onSaved();
    } catch (e) { setError(failure(e)); }
  };
  const remove = async () => {
    const n = detail.dependencies.length; const a = detail.serviceAreas.length;
    if (!window.confirm(`Delete ${f.name || f.id}${n || a ? ` with its ${n} dependencies and ${a} service areas` : ''}? Undo restores them.`)) return;
    try { await callSaving('facilities.delete', { datasetId, id: f.id }); setError(null); onDeleted(); } catch (e) { setError(failure(e)); }
  };
  return (
    <section className="edit-card" data-testid="facility-form">
      <h2>{f.name || f.id} <span className="muted">{f.id} · source: {f.source}</span></h2>
      <FacilityFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} error={error} prefix="changes." pick={pick} pickLabel={`Click on the map where ${f.name || f.id} is now.`} />
      <ErrorLine error={error} testId="facility-error" />
      <div className="row right">
        <button className="plain danger" onClick={remove} data-testid="delete-facility">Delete</button>
        <button className="plain" onClick={() => { setDraft(original); setError(null); }} disabled={!dirty}>Reset</button>
        <button onClick={save} disabled={!dirty} data-testid="save-facility">Save changes</button>
      </div>
    </section>
  );
}

// ---------- dependencies ----------

function DependencyEditor({ datasetId, detail, facilities, byId, pick, onChanged }: {
  datasetId: number; detail: Detail; facilities: FacilityItem[]; byId: Map<string, FacilityItem>;
  pick?: (prompt: string, then: (p: MapPick) => void) => void; onChanged(): void;
}) {
  const me = detail.facility.id;
  const [error, setError] = useState<Failure | null>(null);
  const [supplierId, setSupplierId] = useState('');
  const [consumerId, setConsumerId] = useState(me);
  const [input, setInput] = useState<ServiceInput>('power');
  const [backupDays, setBackupDays] = useState('0');
  useEffect(() => { setConsumerId(me); setSupplierId(''); setError(null); }, [me]);
  const name = (id: string) => byId.get(id)?.name ?? id;
  const sorted = useMemo(() => [...facilities].sort((a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name)), [facilities]);

  const guard = async (f: () => Promise<unknown>) => {
    try { await f(); setError(null); onChanged(); } catch (e) { setError(failure(e)); }
  };
  const add = () => guard(async () => {
    const days = Number(backupDays);
    if (backupDays.trim() === '' || !Number.isFinite(days)) throw new ApiCallError({ code: 'invalid_input', message: `backupDays: "${backupDays}" is not a number`, field: 'backupDays' });
    if (!supplierId) throw new ApiCallError({ code: 'invalid_input', message: 'supplierId: choose the supplier', field: 'supplierId' });
    await callSaving('dependencies.create', { datasetId, supplierId, consumerId, input, backupDays: days });
    setSupplierId('');
  });
  /** Draw on the map: click the supplier, then the consumer. */
  const drawOnMap = () => pick?.('Click the supplier facility on the map.', (p1) => {
    if (!p1.facilityId) { setError({ message: 'No facility there: click on a facility symbol.' }); return; }
    setSupplierId(p1.facilityId);
    pick('Now click the consumer facility.', (p2) => {
      if (!p2.facilityId) { setError({ message: 'No facility there: click on a facility symbol.' }); return; }
      setConsumerId(p2.facilityId);
    });
  });
  const bad = (field: string) => error?.field === field;

  return (
    <section data-testid="dependencies">
      <h2>Dependencies</h2>
      {detail.dependencies.length === 0 && <p className="muted">None recorded.</p>}
      {detail.dependencies.length > 0 && (
        <table className="table deps">
          <thead><tr><th>Supplier</th><th>Consumer</th><th>Input</th><th title="Days the consumer runs on its own backup once supply is lost">Backup days</th><th /></tr></thead>
          <tbody>
            {detail.dependencies.map((d) => (
              <tr key={d.id} data-testid="dependency-row">
                <td className={d.supplierId === me ? 'me' : ''}>{name(d.supplierId)}</td>
                <td className={d.consumerId === me ? 'me' : ''}>{name(d.consumerId)}</td>
                <td>{d.input}{d.inferred && <span className="flag" title="Inferred at import (nearest supplier); editing makes it yours"> inferred</span>}</td>
                <td><BackupDaysInput value={d.backupDays} onSave={(v) => guard(() => callSaving('dependencies.update', { datasetId, id: d.id, backupDays: v }))} /></td>
                <td><button className="link" onClick={() => guard(() => callSaving('dependencies.delete', { datasetId, id: d.id }))} data-testid="delete-dependency">Delete</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dep-new edit-card" data-testid="new-dependency">
        <label>Supplier
          <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="dep-supplier" aria-invalid={bad('supplierId')}>
            <option value="">choose…</option>
            {sorted.map((f) => <option key={f.id} value={f.id}>{f.sector}: {f.name || f.id}</option>)}
          </select>
        </label>
        <label>Consumer
          <select value={consumerId} onChange={(e) => setConsumerId(e.target.value)} data-testid="dep-consumer" aria-invalid={bad('consumerId')}>
            {sorted.map((f) => <option key={f.id} value={f.id}>{f.sector}: {f.name || f.id}</option>)}
          </select>
        </label>
        <label>Input
          <select value={input} onChange={(e) => setInput(e.target.value as ServiceInput)} data-testid="dep-input">
            {SERVICE_INPUTS.map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </label>
        <label>Backup days
          <input type="number" min={0} step="any" value={backupDays} onChange={(e) => setBackupDays(e.target.value)} data-testid="dep-backup" aria-invalid={bad('backupDays')} />
        </label>
        <div className="row right">
          {pick && <button className="plain" onClick={drawOnMap} data-testid="dep-draw">Draw on map</button>}
          <button className="plain" onClick={() => { const s = supplierId; setSupplierId(consumerId); setConsumerId(s || me); }} title="Swap supplier and consumer">⇄</button>
          <button onClick={add} data-testid="add-dependency">Add dependency</button>
        </div>
      </div>
      <ErrorLine error={error} testId="dependency-error" />
    </section>
  );
}

function BackupDaysInput({ value, onSave }: { value: number; onSave(v: number): Promise<unknown> | void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    if (text === String(value)) return;
    const v = text.trim() === '' ? NaN : Number(text);
    void onSave(Number.isFinite(v) ? v : (text as never));
  };
  return (
    <input className="days" type="number" min={0} step="any" value={text} aria-label="Backup days" data-testid="dep-backup-edit"
      onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setText(String(value)); }} />
  );
}

// ---------- service areas ----------

function ServiceAreaEditor({ datasetId, detail, drawnArea, onChanged }: { datasetId: number; detail: Detail; drawnArea: ArealGeometry | null; onChanged(): void }) {
  const [error, setError] = useState<Failure | null>(null);
  const guard = async (f: () => Promise<unknown>) => {
    try { await f(); setError(null); onChanged(); } catch (e) { setError(failure(e)); }
  };
  const areas = detail.serviceAreas;
  const saveDrawn = (id?: string) => drawnArea && guard(() => callSaving('serviceAreas.upsert', { datasetId, facilityId: detail.facility.id, geometry: drawnArea, ...(id ? { id } : {}) }));
  return (
    <section data-testid="service-areas">
      <h2>Service area</h2>
      {areas.length === 0 && <p className="muted">None stored: the engine uses the nearest facility of the kind (Voronoi) for this one.</p>}
      {areas.map((a) => (
        <div key={a.id} className="row area-row" data-testid="service-area-row">
          <span>{a.id} <span className="muted">{a.geometry.type === 'Polygon' ? `${a.geometry.coordinates[0]!.length - 1} vertices` : `${a.geometry.coordinates.length} parts`}</span>
            {a.inferred && <span className="flag"> inferred</span>}</span>
          <span className="spacer" />
          {drawnArea && <button className="link" onClick={() => saveDrawn(a.id)} data-testid="replace-area">Replace with drawn area</button>}
          <button className="link" onClick={() => guard(() => callSaving('serviceAreas.delete', { datasetId, id: a.id }))} data-testid="delete-area">Delete</button>
        </div>
      ))}
      {drawnArea
        ? <button className="plain" onClick={() => saveDrawn()} data-testid="add-area">Add the drawn area as a service area</button>
        : <p className="hint">Draw a polygon on the map to give this facility a service area.</p>}
      <ErrorLine error={error} testId="service-area-error" />
    </section>
  );
}

// ---------- history ----------

function HistoryTable({ edits, nameOf }: { edits: Edit[]; nameOf(id: string): string | undefined }) {
  if (edits.length === 0) return <p className="muted">No edits recorded.</p>;
  return (
    <table className="table history">
      <thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
      <tbody>
        {edits.map((e) => (
          <tr key={e.id} className={e.undone ? 'undone' : ''} data-testid="history-row">
            <td className="muted" title={e.at}>{new Date(e.at).toLocaleString()}</td>
            <td>{e.author}</td>
            <td>
              <span className="what">#{e.id} {editInWords(e, nameOf)}</span>
              {e.causedBy !== null && <span className="muted"> (with #{e.causedBy})</span>}
              {e.undone && <span className="muted"> — undone</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------- export ----------

function ExportBox({ datasetId }: { datasetId: number }) {
  const [format, setFormat] = useState<'gpkg' | 'geojson'>('gpkg');
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const run = async () => {
    try {
      const r = await call('datasets.export', { datasetId, format, path: path.trim(), ...(overwrite ? { overwrite } : {}) });
      setResult(`Written ${r.path}: ${r.features} features.`); setError(null);
    } catch (e) { setError(failure(e)); setResult(null); }
  };
  return (
    <section className="export-box" data-testid="dataset-export">
      <h2>Export dataset</h2>
      <div className="row">
        <select value={format} onChange={(e) => setFormat(e.target.value as 'gpkg' | 'geojson')} aria-label="Export format" data-testid="export-format">
          <option value="gpkg">GeoPackage</option>
          <option value="geojson">GeoJSON</option>
        </select>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={format === 'gpkg' ? '/full/path/city.gpkg' : '/full/path/city.geojson'}
          aria-label="Export path" data-testid="export-path" aria-invalid={error?.field === 'path'} />
      </div>
      <div className="row">
        <label className="field"><input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> replace an existing file</label>
        <span className="spacer" />
        <button onClick={run} disabled={path.trim() === ''} data-testid="export-run">Export</button>
      </div>
      {result && <p className="muted" data-testid="export-result">{result}</p>}
      <ErrorLine error={error} testId="export-error" />
    </section>
  );
}
