/**
 * A sector's figure in the panel: the interval, or "no data" and why (METHOD.md §4a), with a
 * short caveat line when it rests on guesses. One helper so every view says it the same way.
 */
import type { SectorOutcome } from '../../core/model/assessment';
import { describeNoData, describeSectorCaveats, sectorFigure } from '../../core/model/format';
import { IntervalText } from './ResultsPanel';

export function SectorFigure({ o, field }: { o: SectorOutcome; field: 'peopleWithoutService' | 'peopleDays' }) {
  const i = sectorFigure(o, field);
  if (!i) return <span className="nodata muted" data-testid="nodata">{describeNoData(o)}</span>;
  const caveats = field === 'peopleWithoutService' ? describeSectorCaveats(o) : '';
  return <>{o.status === 'estimated' && o.inferred && field === 'peopleWithoutService' && <span className="flag" title={caveats}>inferred </span>}<IntervalText i={i} />{caveats && <div className="note muted">{caveats}</div>}</>;
}
