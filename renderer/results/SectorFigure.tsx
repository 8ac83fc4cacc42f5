/**
 * A sector's figure in the panel: the interval, or "no data" and why (METHOD.md §4a), with a
 * short caveat line when it rests on guesses. One helper so every view says it the same way.
 */
import type { SectorOutcome } from '../../core/model/assessment';
import { describeNoData, describeSectorCaveats, sectorCaveatParts, sectorFigure } from '../../core/model/format';
import { useTranslation } from 'react-i18next';
import { IntervalText } from './ResultsPanel';
import { Parts, useLocale } from '../i18n';

export function SectorFigure({ o, field }: { o: SectorOutcome; field: 'peopleWithoutService' | 'peopleDays' }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const i = sectorFigure(o, field);
  if (!i) return <span className="nodata muted" data-testid="nodata">{describeNoData(o, loc)}</span>;
  const caveats = field === 'peopleWithoutService' ? describeSectorCaveats(o, loc) : '';
  return <>{o.status === 'estimated' && o.inferred && field === 'peopleWithoutService' && <span className="flag" title={caveats}>{t('results.inferred')} </span>}<IntervalText i={i} />{caveats && <div className="note muted"><Parts parts={sectorCaveatParts(o, loc)} /></div>}</>;
}
