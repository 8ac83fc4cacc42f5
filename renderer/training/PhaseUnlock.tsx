/**
 * The trainee's step to the next phase: the code the trainer hands out after the answer opens the
 * next phase's briefing and reveals what the previous phase did (its damage goes on the map).
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Output } from '../../core/api/contract';
import { useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import { useExercise } from './exercise';
import { revealedMap } from './phases';

type Phase = Output<'package.import'>['phases'][number];

export function PhaseUnlock({ next }: { next: Phase }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const phase = loc.number().format(next.phase);
  const exercise = useExercise((s) => s.exercise)!;
  const { update, setRevealed } = useExercise.getState();
  // Recording the previous phase's outcomes changes the observations of this database.
  const unlocking = useApiMutation('package.unlockPhase', ['observations.list', 'postop.compare']);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const unlock = async () => {
    if (!code) return setError(t('training.unlock.noCode', { n: phase }));
    setError(null);
    try {
      const u = await unlocking.mutateAsync({ path: exercise.path, ...(exercise.hmacKey ? { hmacKey: exercise.hmacKey } : {}), phase: next.phase, code });
      update({ unlocked: { ...exercise.unlocked, [next.phase]: u }, phase: next.phase });
      setRevealed(revealedMap(u.previous.observed));
      document.querySelector('[data-testid="exercise"]')?.scrollIntoView({ block: 'start' }); // the new briefing and what the previous phase did
    } catch (e) { setError((e as Error).message); }
  };

  return (
    <div className="postop-form" data-testid="phase-unlock">
      <h4><Trans t={t} i18nKey="training.unlock.next" values={{ n: phase, title: next.title, later: t('training.daysLater', { count: next.daysAfterPrevious, n: loc.number().format(next.daysAfterPrevious) }) }}
        components={{ n: <bdi />, title: <bdi translate="no" /> }} /></h4>
      <label>{t('training.unlock.code', { n: phase })}
        <input type="password" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} data-testid="phase-code" />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <button onClick={() => void unlock()} disabled={unlocking.isPending} data-testid="phase-unlock-button">{unlocking.isPending ? t('training.opening') : t('training.unlock.open', { n: phase })}</button>
    </div>
  );
}
