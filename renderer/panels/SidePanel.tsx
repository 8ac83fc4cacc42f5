import type { DatasetSummary } from '../../core/model/dataset';
import { formatCount } from '../../core/model/format';
import { useStore } from '../state/store';

export function SidePanel({ dataset }: { dataset: DatasetSummary | null }) {
  const { areas, status } = useStore();
  return (
    <aside className="panel" aria-label="Results">
      <section>
        <h2>Dataset</h2>
        {dataset ? (
          <>
            <p className="name">{dataset.name}</p>
            {dataset.synthetic && <p className="warn">Synthetic city for training. No figure describes real people.</p>}
            <dl className="facts">
              <dt>Residents</dt><dd>{formatCount(dataset.counts.residents)}</dd>
              <dt>Buildings</dt><dd>{formatCount(dataset.counts.buildings)}</dd>
              <dt>Facilities</dt><dd>{formatCount(Object.values(dataset.counts.facilities).reduce((a, b) => a + b, 0))}</dd>
              <dt>Protected sites</dt><dd>{formatCount(dataset.counts.protectedSites)}</dd>
            </dl>
            <p className="source">Source: {dataset.source}. Licence: {dataset.licence}.</p>
          </>
        ) : <p>{status}</p>}
      </section>
      <section>
        <h2>Operation areas</h2>
        {areas.length === 0 && <p className="hint">{status}</p>}
        {areas.map((a, i) => (
          <div key={a.id} className="area-card" data-testid="area-card">
            <div className="area-name">Area {i + 1}</div>
            <div className="figure">
              <span className="label">Residents inside</span>
              <span className="value" data-testid="residents">{a.error ? `Error: ${a.error}` : a.residents === null ? '…' : formatCount(a.residents)}</span>
            </div>
            <div className="note">Partial census units count by share of area inside; buildings with allocated residents by centroid.</div>
          </div>
        ))}
      </section>
    </aside>
  );
}
