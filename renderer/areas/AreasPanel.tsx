/**
 * Each area's effect profile: pick a shipped profile or edit the zones of this area's own copy
 * (distances and damage-state probabilities). Shipped profiles are illustrative and say so.
 */
import { useState } from 'react';
import { DAMAGE_STATES, EffectProfile, type ProfileZone } from '../../core/model/operation';
import { useWorkspace, type WorkspaceArea } from '../workspace/store';
import { areaNameProblem } from './names';
import { issueInWords } from '../../core/model/issue-words';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import { labelsFor } from '../../core/report/labels';
import { fill, useLocale } from '../i18n';

export function AreasPanel({ profiles }: { profiles: EffectProfile[] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const areas = useWorkspace((s) => s.areas);
  if (areas.length === 0) return <p className="hint">{t('areas.none')}</p>;
  return (
    <>
      <div className="row areas-actions">
        <span className="muted">{fill((v) => t('areas.count', { ...v, count: areas.length }), { n: formatCount(areas.length, loc) })} {t('areas.undoHint')}</span>
        <button className="plain" onClick={() => useWorkspace.getState().clearAreas()} data-testid="clear-areas">{t('areas.clear')}</button>
      </div>
      {areas.map((a) => <AreaEditor key={a.id} area={a} others={areas.filter((x) => x.id !== a.id).map((x) => x.name)} profiles={profiles} />)}
    </>
  );
}

/** The name field: typed freely, kept when it is non-empty and unique (on Enter or leaving the field). */
function AreaName({ area, others }: { area: WorkspaceArea; others: string[] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [draft, setDraft] = useState(area.name);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const p = areaNameProblem(draft, others, loc);
    setProblem(p);
    if (p === null && draft.trim() !== area.name) useWorkspace.getState().renameArea(area.id, draft.trim());
  };
  return (
    <>
      <input className="area-title" value={draft} onChange={(e) => { setDraft(e.target.value); setProblem(null); }} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setDraft(area.name); setProblem(null); } }}
        aria-label={t('areas.nameLabel')} aria-invalid={problem !== null} data-testid="area-name" translate="no" />
      {problem && <p className="error small" role="alert">{problem}</p>}
    </>
  );
}

function AreaEditor({ area, others, profiles }: { area: WorkspaceArea; others: string[]; profiles: EffectProfile[] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const L = labelsFor(loc);
  const { setProfile, setCustomProfile, removeArea } = useWorkspace.getState();
  const base = area.profile ?? profiles.find((p) => p.id === area.profileId);
  const [error, setError] = useState<string | null>(null);
  if (!base) return null;

  const updateZone = (k: number, patch: (z: ProfileZone) => ProfileZone) => {
    const suffix = t('areas.editedSuffix');
    const next = { ...base, id: `${area.profileId}-custom`, name: `${base.name.endsWith(suffix) ? base.name.slice(0, -suffix.length) : base.name}${suffix}`, zones: base.zones.map((z, i) => (i === k ? patch(z) : z)) };
    const parsed = EffectProfile.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const [, k, , key] = issue.path; // zones.<k>.<damage|outdoor>.<key>
      const where = k === undefined ? '' : key === undefined ? t('areas.problem.zone', { zone: Number(k) }) : t('areas.problem.zoneKey', { zone: Number(k), key: String(key) });
      setError(`${where}${issueInWords(issue, EffectProfile)}`);
      return;
    }
    setError(null);
    setCustomProfile(area.id, parsed.data);
  };

  return (
    <div className="area-editor" data-testid="area-editor">
      <div className="area-head">
        <AreaName key={area.name} area={area} others={others} />
        <button className="plain" onClick={() => removeArea(area.id)} title={t('areas.deleteTitle', { name: area.name })} data-testid="remove-area">{t('options.delete')}</button>
      </div>
      <label className="field">{t('areas.profile')}
        <select value={area.profileId} onChange={(e) => setProfile(area.id, e.target.value)} data-testid="profile-select" translate="no">
          {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      {base.illustrative && <p className="warn small">{t('areas.illustrative')}</p>}
      {area.profile && <button className="link" onClick={() => setCustomProfile(area.id, undefined)}>{fill((v) => t('areas.revert', v), { name: <span translate="no">{profiles.find((p) => p.id === area.profileId)?.name}</span> })}</button>}
      <table className="table profile-table">
        <thead><tr><th>{t('areas.zoneEdge')}</th>{DAMAGE_STATES.map((d) => <th key={d} title={L.damage[d]}>{t(`areas.damageShort.${d}`)}</th>)}</tr></thead>
        <tbody>
          {base.zones.map((z, k) => (
            <tr key={k}>
              <td>{k === 0 ? t('areas.zoneArea') : <input type="number" min={1} value={z.outerEdgeM} onChange={(e) => updateZone(k, (zz) => ({ ...zz, outerEdgeM: Number(e.target.value) }))} data-testid={`zone-edge-${k}`} />}</td>
              {DAMAGE_STATES.map((d) => (
                <td key={d}>
                  <input type="number" min={0} max={1} step={0.01} value={z.damage[d]} aria-label={t('areas.probabilityLabel', { state: L.damage[d], zone: k })}
                    onChange={(e) => updateZone(k, (zz) => rebalance(zz, d, Number(e.target.value)))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table profile-table">
        <thead><tr><th>{t('areas.outdoors')}</th>{OUTDOOR.map((r) => <th key={r}>{t(`areas.outdoor.${r}`)}</th>)}</tr></thead>
        <tbody>
          {base.zones.map((z, k) => (
            <tr key={k}>
              <td>{k === 0 ? t('areas.zoneArea') : fill((v) => t('areas.toMetres', v), { m: formatCount(z.outerEdgeM, loc) })}</td>
              {OUTDOOR.map((r) => (
                <td key={r}>
                  <input type="number" min={0} max={1} step={0.001} value={z.outdoor[r]} aria-label={t('areas.outdoorLabel', { what: t(`areas.outdoor.${r}`), zone: k })}
                    onChange={(e) => updateZone(k, (zz) => ({ ...zz, outdoor: { ...zz.outdoor, [r]: Number(e.target.value) } }))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error" role="alert">{error}</p>}
      <p className="note">{t('areas.rebalanceNote')}</p>
    </div>
  );
}

const OUTDOOR = ['killed', 'serious', 'light'] as const;

/** Set one damage-state probability and absorb the difference in "none" (rows must sum to 1). */
function rebalance(z: ProfileZone, state: (typeof DAMAGE_STATES)[number], value: number): ProfileZone {
  const damage = { ...z.damage, [state]: value };
  if (state !== 'none') damage.none = Math.round((1 - damage.slight - damage.moderate - damage.extensive - damage.complete) * 1e6) / 1e6;
  return { ...z, damage };
}
