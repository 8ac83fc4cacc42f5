/**
 * Each area's effect profile: pick a shipped profile or edit the zones of this area's own copy
 * (distances and damage-state probabilities). Shipped profiles are illustrative and say so.
 */
import { useState } from 'react';
import { DAMAGE_STATES, EffectProfile, type ProfileZone } from '../../core/model/operation';
import { useWorkspace, type WorkspaceArea } from '../workspace/store';
import { areaNameProblem } from './names';
import { issueInWords } from '../../core/model/issue-words';

export function AreasPanel({ profiles }: { profiles: EffectProfile[] }) {
  const areas = useWorkspace((s) => s.areas);
  if (areas.length === 0) return <p className="hint">No area yet. Draw one on the map (P polygon, R rectangle, C circle; E to edit).</p>;
  return (
    <>
      <div className="row areas-actions">
        <span className="muted">{areas.length} area{areas.length === 1 ? '' : 's'}. Ctrl+Z undoes a delete.</span>
        <button className="plain" onClick={() => useWorkspace.getState().clearAreas()} data-testid="clear-areas">Clear all areas</button>
      </div>
      {areas.map((a) => <AreaEditor key={a.id} area={a} others={areas.filter((x) => x.id !== a.id).map((x) => x.name)} profiles={profiles} />)}
    </>
  );
}

/** The name field: typed freely, kept when it is non-empty and unique (on Enter or leaving the field). */
function AreaName({ area, others }: { area: WorkspaceArea; others: string[] }) {
  const [draft, setDraft] = useState(area.name);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const p = areaNameProblem(draft, others);
    setProblem(p);
    if (p === null && draft.trim() !== area.name) useWorkspace.getState().renameArea(area.id, draft.trim());
  };
  return (
    <>
      <input className="area-title" value={draft} onChange={(e) => { setDraft(e.target.value); setProblem(null); }} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setDraft(area.name); setProblem(null); } }}
        aria-label="Area name" aria-invalid={problem !== null} data-testid="area-name" />
      {problem && <p className="error small" role="alert">{problem}</p>}
    </>
  );
}

function AreaEditor({ area, others, profiles }: { area: WorkspaceArea; others: string[]; profiles: EffectProfile[] }) {
  const { setProfile, setCustomProfile, removeArea } = useWorkspace.getState();
  const base = area.profile ?? profiles.find((p) => p.id === area.profileId);
  const [error, setError] = useState<string | null>(null);
  if (!base) return null;

  const updateZone = (k: number, patch: (z: ProfileZone) => ProfileZone) => {
    const next = { ...base, id: `${area.profileId}-custom`, name: `${base.name.replace(/ \(edited\)$/, '')} (edited)`, zones: base.zones.map((z, i) => (i === k ? patch(z) : z)) };
    const parsed = EffectProfile.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const [, k, , key] = issue.path; // zones.<k>.<damage|outdoor>.<key>
      setError(`${k !== undefined ? `Zone ${Number(k)}${key !== undefined ? `, ${String(key)}` : ''}: ` : ''}${issueInWords(issue, EffectProfile)}`);
      return;
    }
    setError(null);
    setCustomProfile(area.id, parsed.data);
  };

  return (
    <div className="area-editor" data-testid="area-editor">
      <div className="area-head">
        <AreaName key={area.name} area={area} others={others} />
        <button className="plain" onClick={() => removeArea(area.id)} title={`Delete ${area.name} (or select it in Edit mode and press Delete)`} data-testid="remove-area">Delete</button>
      </div>
      <label className="field">Effect profile
        <select value={area.profileId} onChange={(e) => setProfile(area.id, e.target.value)} data-testid="profile-select">
          {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      {base.illustrative && <p className="warn small">Illustrative profile, derived from no weapon data. Enter your own doctrine's values.</p>}
      {area.profile && <button className="link" onClick={() => setCustomProfile(area.id, undefined)}>Revert to {profiles.find((p) => p.id === area.profileId)?.name}</button>}
      <table className="table profile-table">
        <thead><tr><th>Zone edge (m)</th>{DAMAGE_STATES.map((d) => <th key={d} title={`P(${d})`}>{SHORT[d]}</th>)}</tr></thead>
        <tbody>
          {base.zones.map((z, k) => (
            <tr key={k}>
              <td>{k === 0 ? 'area' : <input type="number" min={1} value={z.outerEdgeM} onChange={(e) => updateZone(k, (zz) => ({ ...zz, outerEdgeM: Number(e.target.value) }))} data-testid={`zone-edge-${k}`} />}</td>
              {DAMAGE_STATES.map((d) => (
                <td key={d}>
                  <input type="number" min={0} max={1} step={0.01} value={z.damage[d]} aria-label={`${d} probability, zone ${k}`}
                    onChange={(e) => updateZone(k, (zz) => rebalance(zz, d, Number(e.target.value)))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table profile-table">
        <thead><tr><th>Outdoors, share</th><th>killed</th><th>seriously inj.</th><th>lightly inj.</th></tr></thead>
        <tbody>
          {base.zones.map((z, k) => (
            <tr key={k}>
              <td>{k === 0 ? 'area' : `to ${z.outerEdgeM} m`}</td>
              {(['killed', 'serious', 'light'] as const).map((r) => (
                <td key={r}>
                  <input type="number" min={0} max={1} step={0.001} value={z.outdoor[r]} aria-label={`outdoor ${r} rate, zone ${k}`}
                    onChange={(e) => updateZone(k, (zz) => ({ ...zz, outdoor: { ...zz.outdoor, [r]: Number(e.target.value) } }))} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error" role="alert">{error}</p>}
      <p className="note">Changing a state's probability takes the difference from "none", so each row still sums to 1.</p>
    </div>
  );
}

const SHORT: Record<(typeof DAMAGE_STATES)[number], string> = { none: 'none', slight: 'slight', moderate: 'mod.', extensive: 'ext.', complete: 'compl.' };

/** Set one damage-state probability and absorb the difference in "none" (rows must sum to 1). */
function rebalance(z: ProfileZone, state: (typeof DAMAGE_STATES)[number], value: number): ProfileZone {
  const damage = { ...z.damage, [state]: value };
  if (state !== 'none') damage.none = Math.round((1 - damage.slight - damage.moderate - damage.extensive - damage.complete) * 1e6) / 1e6;
  return { ...z, damage };
}
