/**
 * "Pick on the map": the next click on a facility symbol chooses that facility (the post-operation
 * facility-status form and the editing panel's finder). A click beside every facility says so
 * and asks again; leaving the form stops asking.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickOnMap } from '../editing/types';

export function PickFacilityButton({ pickOnMap, onPicked, testId = 'pick-facility' }: { pickOnMap: PickOnMap; onPicked(facilityId: string): void; testId?: string }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [missed, setMissed] = useState(false);
  // The latest functions, so a parent that passes new ones on every render does not cancel a pending pick.
  const ref = useRef({ pickOnMap, onPicked });
  ref.current = { pickOnMap, onPicked };
  const pickingRef = useRef(false);
  pickingRef.current = picking;
  useEffect(() => () => { if (pickingRef.current) ref.current.pickOnMap(null); }, []);

  const ask = () => {
    setPicking(true); setMissed(false);
    ref.current.pickOnMap((p) => {
      if (p.facilityId) { setPicking(false); ref.current.pickOnMap(null); ref.current.onPicked(p.facilityId); return; }
      ask(); setMissed(true); // not on a facility: ask for another click, saying why
    }, t('map.pick.prompt'));
  };
  const cancel = () => { setPicking(false); setMissed(false); ref.current.pickOnMap(null); };

  return (
    <span className="pick-facility">
      {picking
        ? <button type="button" className="link" onClick={cancel} data-testid={`${testId}-cancel`}>{t('map.pick.cancel')}</button>
        : <button type="button" className="link" onClick={ask} data-testid={testId} title={t('map.pick.title')}>{t('map.pick.label')}</button>}
      {missed && <span className="muted small" role="status"> {t('map.pick.missed')}</span>}
    </span>
  );
}
