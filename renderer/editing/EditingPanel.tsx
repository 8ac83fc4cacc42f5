/**
 * The infrastructure editing workspace (issue 5), for civil engineers: find a facility, edit or move
 * it, add or delete one; its dependencies (draw one by choosing supplier then consumer, set backup
 * days); its service area (from the polygon drawn on the map); its history and undo; the author name
 * every change is recorded under; dataset export. Reads are queries and changes mutations that
 * invalidate them (renderer/api/queries.ts); a refused edit shows the backend's reason inline, next
 * to the field it names. Each part is its own component file beside this one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import type { Layers } from '../map/MapView';
import type { ArealGeometry, FacilityKind, Sector } from '../../core/model/dataset';
import { AuthorSetting } from '../settings/AuthorSetting';
import { DatasetExport } from '../export/DatasetExport';
import { DependencyEditor } from './DependencyEditor';
import { ErrorLine } from './ErrorLine';
import { FacilityFinder } from './FacilityFinder';
import { FacilityForm } from './FacilityForm';
import { HistoryTable } from './HistoryTable';
import { NewFacilityForm } from './NewFacilityForm';
import { ServiceAreaEditor } from './ServiceAreaEditor';
import { editInWords } from './history-words';
import { callSaving, useSaving } from './saving';
import { EDITED, failure, type FacilityItem, type MapPick, type PickOnMap } from './types';
import './editing.css';

export type { MapPick, PickOnMap } from './types';

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

export function EditingPanel(props: EditingPanelProps) {
  const { datasetId, layers, onChanged, pickOnMap } = props;
  const { t } = useTranslation('editing');
  const loc = useLocale();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState<string | null>(null);
  // The author is asked once, before the first edit; undefined while it loads.
  const authorQuery = useApi('settings.getAuthor', {});
  const author = authorQuery.data ? authorQuery.data.author : undefined;
  const detailQuery = useApi('facilities.get', selectedId === null ? null : { datasetId, id: selectedId });
  const detail = selectedId === null ? null : detailQuery.data ?? null;
  const historyQuery = useApi('edits.list', { datasetId, ...(selectedId ? { facilityId: selectedId } : {}), limit: 200 });
  const undoing = useApiMutation('edits.undo', EDITED, callSaving);
  const historyError = undoing.error ? failure(undoing.error) : historyQuery.error ? failure(historyQuery.error) : null;
  const saving = useSaving();

  const facilities = useMemo<FacilityItem[]>(() => (layers?.facilities.features ?? []).map((f) => {
    const p = f.properties as { id: string; name: string; sector: Sector; kind: FacilityKind };
    return { id: String(p.id), name: p.name, sector: p.sector, kind: p.kind, lonLat: ((f.geometry as { coordinates: number[] }).coordinates.slice(0, 2) as [number, number]) };
  }), [layers]);
  const byId = useMemo(() => new Map(facilities.map((f) => [f.id, f])), [facilities]);
  const nameOf = useCallback((id: string) => byId.get(id)?.name, [byId]);

  useEffect(() => { setSelectedId(null); setAdding(false); }, [datasetId]);
  useEffect(() => { if (props.selectedFacilityId) { setSelectedId(props.selectedFacilityId); setAdding(false); } }, [props.selectedFacilityId]);
  // A facility that cannot be read any more (deleted, or undone creation) is no longer selected.
  useEffect(() => { if (detailQuery.isError) setSelectedId(null); }, [detailQuery.isError]);

  /** After any change (the mutation has refreshed what this panel shows): select, and tell the app (map layers, counts). */
  const changed = useCallback((select?: string | null) => {
    if (select !== undefined) setSelectedId(select);
    undoing.reset(); // a refused undo is old news once something changed
    onChanged();
  }, [onChanged, undoing.reset]);

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

  const undo = () => undoing.mutate({ datasetId }, {
    onSuccess: (r) => {
      const stillThere = selectedId !== null && !(r.undone.entity === 'facility' && r.undone.entityId === selectedId && r.undone.action === 'create');
      changed(stillThere ? selectedId : r.undone.entity === 'facility' && r.undone.action === 'delete' ? r.undone.entityId : null);
    },
  });
  const nextUndo = historyQuery.data?.nextUndo ?? null;

  return (
    <div className="editing" data-testid="editing" aria-busy={saving}>
      {saving && <div className="saving" role="status" data-testid="saving">{t('panel.saving')}</div>}
      <AuthorSetting />
      {picking && (
        <div className="pick-banner" role="status" data-testid="pick-banner">
          {picking} <button className="link" onClick={cancelPick}>{t('common.cancel')}</button>
        </div>
      )}
      {author ? <>
      <section>
        <h2>{t('panel.facilities')}</h2>
        <FacilityFinder facilities={facilities} selectedId={selectedId} onSelect={(id) => { setSelectedId(id); setAdding(false); }} onFlyTo={props.onFlyTo} pickOnMap={pickOnMap} />
        <div className="row">
          <button className="plain" onClick={() => { setAdding(true); setSelectedId(null); }} data-testid="add-facility">{t('panel.addFacility')}</button>
        </div>
        {adding && (
          <NewFacilityForm datasetId={datasetId} pick={canPick ? pick : undefined}
            onCancel={() => setAdding(false)}
            onCreated={(id) => { setAdding(false); changed(id); }} />
        )}
      </section>
      {detail && (
        <>
          <FacilityForm key={`${detail.facility.id}:${JSON.stringify(detail.facility)}`} datasetId={datasetId} detail={detail} pick={canPick ? pick : undefined}
            onSaved={() => changed()} onDeleted={() => changed(null)} />
          <DependencyEditor datasetId={datasetId} detail={detail} facilities={facilities} byId={byId} pick={canPick ? pick : undefined} onChanged={() => changed()} />
          <ServiceAreaEditor datasetId={datasetId} detail={detail} drawnArea={props.drawnArea ?? null} onChanged={() => changed()} />
        </>
      )}
      </> : author === null && <p className="hint" data-testid="author-first">{t('panel.authorFirst')}</p>}
      <section data-testid="history">
        <h2>{selectedId
          ? <Trans t={t} i18nKey="history.titleOf" values={{ name: byId.get(selectedId)?.name ?? selectedId }} components={{ name: <bdi translate="no" /> }} />
          : t('history.titleDataset')}</h2>
        <div className="row">
          <button className="plain" onClick={undo} disabled={!nextUndo} data-testid="undo-edit"
            title={nextUndo ? t('history.undoTitle', { edit: editInWords(nextUndo, nameOf, loc) }) : t('history.nothingToUndo')}>
            {t('history.undo')}
          </button>
          {nextUndo && <span className="muted" data-testid="next-undo">{editInWords(nextUndo, nameOf, loc)}</span>}
        </div>
        <ErrorLine error={historyError} testId="history-error" />
        <HistoryTable edits={historyQuery.data?.edits ?? []} nameOf={nameOf} />
      </section>
      <DatasetExport datasetId={datasetId} />
    </div>
  );
}
