/** Trainee: open a package, read the briefing, study the options with the outcomes sealed, answer phase by phase. */
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { formatCount } from '../../core/model/format';
import { useLocale } from '../i18n';
import { sectorWord } from '../editing/enum-words';
import { useAppState } from '../state/store';
import { useWorkspace } from '../workspace/store';
import { parsePaths } from '../postop/forms';
import { useExercise } from './exercise';
import { PhaseUnlock } from './PhaseUnlock';
import { REVEALED_COLOUR } from './phases';
import { FileChooser } from '../api/FileChooser';
import { PACKAGE_EXAMPLE, message, idOf } from './shared';
import '../postop/postop.css';

const NO_OPERATIONS: Output<'operations.list'> = [];
const ANSWER_EXAMPLE = '/home/me/answer.json';

export function ExerciseSection() {
  const { t } = useTranslation('review');
  const { exercise, setExercise } = useExercise();
  const setDatasetId = useAppState((s) => s.setDatasetId);
  const opening = useApiMutation('package.import', ['datasets.list']);
  const [path, setPath] = useState('');
  const [hmacKey, setHmacKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = opening.isPending;

  const open = async () => {
    const p = parsePaths(path)[0];
    if (!p) return setError(t('training.error.packagePath'));
    setError(null);
    try {
      const s = await opening.mutateAsync({ path: p, ...(hmacKey ? { hmacKey } : {}) }); // the datasets list is refetched before this returns
      setExercise({ ...s, path: p, ...(hmacKey ? { hmacKey } : {}), phase: 1, answered: [], unlocked: {} });
      setDatasetId(s.datasetId);
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-exercise">
      <h3>{t('training.exercise.title')}</h3>
      {!exercise && (
        <div className="postop-form">
          <label>{t('training.exercise.packageFile')}<input value={path} onChange={(e) => setPath(e.target.value)} placeholder={PACKAGE_EXAMPLE} dir="ltr" data-testid="exercise-path" /></label>
          <FileChooser accept=".uiapkg" onChosen={([p]) => setPath(p ?? '')} testId="exercise-file" label={t('files.chooseOne')} />
          <label>{t('training.exercise.signingKey')}<input value={hmacKey} onChange={(e) => setHmacKey(e.target.value)} data-testid="exercise-key" /></label>
          {error && <p className="error" role="alert">{error}</p>}
          <button onClick={() => void open()} disabled={busy} data-testid="exercise-open">{busy ? t('training.opening') : t('training.exercise.open')}</button>
        </div>
      )}
      {exercise && <ExerciseView onClose={() => setExercise(null)} />}
    </section>
  );
}

function ExerciseView({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const num = (x: number) => loc.number().format(x);
  const exercise = useExercise((s) => s.exercise)!;
  const update = useExercise((s) => s.update);
  const listed = useApi('operations.list', { datasetId: exercise.datasetId });
  const saved = listed.data ?? NO_OPERATIONS;
  const answering = useApiMutation('package.answer');
  const [chosen, setChosen] = useState('');
  const [trainee, setTrainee] = useState('');
  const [rationale, setRationale] = useState('');
  const [out, setOut] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = answering.isPending;
  const phases = exercise.phases;
  const n = exercise.phase;
  const phase = phases[n - 1]!;
  const unlocked = exercise.unlocked[n];
  const briefing = n === 1 ? exercise.briefing : unlocked?.briefing ?? '';
  const multi = phases.length > 1;
  useEffect(() => { setChosen(''); setStatus(null); setError(null); setOut(''); }, [n]);

  const submit = async () => {
    setError(null); setStatus(null);
    if (!chosen) return setError(t('training.answer.error.option'));
    if (!trainee.trim()) return setError(t('training.answer.error.name'));
    const path = parsePaths(out)[0];
    if (!path) return setError(t('training.answer.error.path', { example: ANSWER_EXAMPLE }));
    try {
      const r = await answering.mutateAsync({
        path: exercise.path, ...(exercise.hmacKey ? { hmacKey: exercise.hmacKey } : {}), chosenOperationId: Number(chosen),
        ...(multi ? { phase: n } : {}), trainee: trainee.trim(), rationale, out: path,
      });
      update({ answered: [...new Set([...exercise.answered, n])] });
      const written = { path: r.path, trainee: r.trainee, option: r.chosenOption, phase: num(r.phase), options: t('training.answer.options', { count: r.options.length, n: num(r.options.length) }) };
      setStatus(t(multi ? 'training.answer.writtenPhase' : 'training.answer.written', written));
    } catch (e) { setError(message(e)); }
  };

  return (
    <div data-testid="exercise">
      <p className="hint" data-testid="exercise-mode"><Trans t={t} i18nKey="training.exercise.mode" values={{ title: exercise.title, dataset: exercise.datasetName }}
        components={{ strong: <strong />, title: <bdi translate="no" />, dataset: <bdi translate="no" /> }} /></p>
      {multi && (
        <ol className="saved" data-testid="exercise-phases">
          {phases.map((p) => {
            const open = p.phase === 1 || exercise.unlocked[p.phase];
            return (
              <li key={p.phase} className={p.phase === n ? 'active' : ''}>
                <span>
                  {p.phase === n ? <strong><PhaseTitle n={p.phase} title={p.title} /></strong> : <PhaseTitle n={p.phase} title={p.title} />}
                  {p.phase > 1 && <span className="muted"> · {t('training.exercise.daysAfter', { days: t('training.days', { count: p.daysAfterPrevious, n: num(p.daysAfterPrevious) }), previous: num(p.phase - 1) })}</span>}
                  {exercise.answered.includes(p.phase) && <span className="postop-flag in"> {t('training.exercise.answered')}</span>}
                  {!open && <span className="muted"> · {t('training.exercise.locked')}</span>}
                </span>
                {open && p.phase !== n && <button className="link" onClick={() => update({ phase: p.phase })}>{t('training.exercise.show')}</button>}
              </li>
            );
          })}
        </ol>
      )}
      {unlocked && <PreviousPhase unlocked={unlocked} />}
      <h4>{t('training.exercise.briefing')}{multi && <> — <PhaseTitle n={n} title={phase.title} /></>}</h4>
      <div className="area-card briefing" style={{ whiteSpace: 'pre-wrap', display: 'block' }} translate="no" dir="auto" data-testid="briefing">{briefing}</div>
      <h4>{t('training.exercise.options')}</h4>
      <ul className="saved" data-testid="exercise-options">
        {phase.options.map((o) => {
          const op = saved.find((s) => s.id === o.id)?.operation;
          return (
            <li key={o.id}>
              <span><bdi translate="no">{o.name}</bdi> <span className="muted">{t('training.operationId', { id: idOf(loc, o.id) })}</span></span>
              <button className="link" disabled={!op} onClick={() => op && useWorkspace.getState().load(op)} title={t('training.exercise.studyHelp')}>{t('training.exercise.study')}</button>
            </li>
          );
        })}
      </ul>
      <h4>{multi ? t('training.answer.titlePhase', { n: num(n) }) : t('training.answer.title')}</h4>
      <div className="postop-form">
        <label>{t('training.answer.option')}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="answer-option">
            <option value="">{t('form.choose')}</option>
            {phase.options.map((o) => <option key={o.id} value={o.id} translate="no">{o.name}</option>)}
          </select>
        </label>
        <label>{t('training.answer.name')}<input value={trainee} onChange={(e) => setTrainee(e.target.value)} data-testid="answer-trainee" /></label>
        <label>{t('training.answer.why')}<textarea rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} data-testid="answer-rationale" /></label>
        <label>{t('training.answer.saveAs')}<input value={out} onChange={(e) => setOut(e.target.value)} placeholder={ANSWER_EXAMPLE} dir="ltr" data-testid="answer-out" /></label>
        <p className="muted">{t('training.answer.estimateNote')}</p>
        {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
        {status && <p className="hint" role="status" data-testid="answer-status">{status}</p>}
        <div className="row">
          <button onClick={() => void submit()} disabled={busy} data-testid="answer-submit">{busy ? t('training.answer.submitting') : t('training.answer.submit')}</button>
          <button className="link" onClick={onClose}>{t('training.exercise.close')}</button>
        </div>
      </div>
      {n < phases.length && exercise.answered.includes(n) && !exercise.unlocked[n + 1] && <PhaseUnlock next={phases[n]!} />}
    </div>
  );
}

/** "Phase 2: Follow-up", the title being the trainer's words. */
function PhaseTitle({ n, title }: { n: number; title: string }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  return <Trans t={t} i18nKey="training.phaseTitle" values={{ n: loc.number().format(n), title }} components={{ n: <bdi />, title: <bdi translate="no" /> }} />;
}

/** What the previous phase did, revealed with this phase's code: carried-out option and counts (its damage is on the map). */
function PreviousPhase({ unlocked }: { unlocked: Output<'package.unlockPhase'> }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const n = (x: number) => formatCount(x, loc);
  const p = unlocked.previous;
  const o = p.observed;
  const killed = o.casualties.reduce((s, c) => s + (c.killed ?? 0), 0);
  const injured = o.casualties.reduce((s, c) => s + (c.injured ?? 0), 0);
  const displaced = (o.displacement ?? []).reduce((s, d) => s + d.displaced, 0);
  const down = o.facilities.filter((f) => f.down).length;
  return (
    <div className="area-card" style={{ display: 'block' }} data-testid="previous-phase">
      <Trans t={t} i18nKey="training.previous.title" values={{ n: loc.number().format(p.phase), title: p.title, operation: p.operation }}
        components={{ strong: <strong />, n: <bdi />, title: <bdi translate="no" />, operation: <bdi translate="no" /> }} />
      <ul>
        <li>{t('training.previous.damage', { count: o.damage.length, n: n(o.damage.length) })} <span className="postop-swatch" style={{ background: REVEALED_COLOUR, display: 'inline-block', width: 10, height: 10, borderRadius: 5 }} /></li>
        {o.casualties.length > 0 && (
          <li><Trans t={t} i18nKey="training.previous.casualties" values={{ killed: n(killed), injured: n(injured), sources: o.casualties.map((c) => c.source).join('; ') }}
            components={{ n: <bdi />, sources: <bdi translate="no" /> }} /></li>
        )}
        {o.facilities.length > 0 && <li><Trans t={t} i18nKey="training.previous.facilities" count={o.facilities.length} values={{ down: n(down), total: n(o.facilities.length) }} components={{ n: <bdi /> }} /></li>}
        {o.outages.map((x, i) => (
          <li key={i}>{t('recorded.outage', { sector: sectorWord(x.sector, loc), people: t('recorded.people', { count: x.people, n: n(x.people) }), days: t('recorded.days', { count: x.days, n: loc.number().format(x.days) }) })}</li>
        ))}
        {displaced > 0 && <li>{t('training.previous.displaced', { people: t('recorded.people', { count: displaced, n: n(displaced) }) })}</li>}
      </ul>
      <span className="muted"><Trans t={t} i18nKey="training.previous.recordedOn" values={{ operation: p.operation }} components={{ operation: <bdi translate="no" /> }} /></span>
    </div>
  );
}
