/**
 * Training with scenario packages (issue 16), all through the API:
 * - trainer: export saved operations of this dataset with a briefing and a reveal passphrase;
 * - trainee: open a package, read the briefing, study the options (exercise mode: the outcomes stay
 *   sealed in the file), and submit an answer (their option, an estimate of every option) as a file;
 *   in a scenario of several phases, the next phase opens with the code the trainer hands out after
 *   the answer, and shows what the previous phase did (its damage on the map);
 * - trainer: open the answers of several trainees, reveal, and see each scored side by side, by phase.
 * Files are paths on this computer, typed one per line, as in the damage import.
 */
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { formatCount } from '../../core/model/format';
import type { Locale } from '../../core/i18n/locale';
import { useLocale } from '../i18n';
import { sectorWord } from '../editing/enum-words';
import { useAppState } from '../state/store';
import { useWorkspace } from '../workspace/store';
import { ComparisonDetails, formatRatio } from '../postop/ComparisonView';
import { parsePaths } from '../postop/forms';
import { MIN_PASSPHRASE_CHARS, useExercise } from './exercise';
import { LaterPhaseFields } from './LaterPhaseFields';
import { PhaseUnlock } from './PhaseUnlock';
import { REVEALED_COLOUR, emptyLaterPhase, parseLaterPhase, type LaterPhaseDraft, type LaterPhaseInput } from './phases';
import type { FieldErrors } from '../postop/forms';
import { FileChooser } from '../api/FileChooser';
import '../postop/postop.css';

const NO_OPERATIONS: Output<'operations.list'> = [];
/** Example paths in the placeholders (paths are the same in every language). */
const PACKAGE_EXAMPLE = '/home/me/exercise.uiapkg';
const ANSWER_EXAMPLE = '/home/me/answer.json';
type Score = Output<'package.score'>;

const message = (e: unknown) => (e as Error).message;
/** An operation's id as the interface writes it (no grouping: it is a reference, not a quantity). */
const idOf = (loc: Locale, id: number) => loc.number({ useGrouping: false }).format(id);

export function TrainingPanel({ datasetId }: { datasetId: number }) {
  return (
    <div className="postop training" data-testid="training-panel">
      <ExerciseSection />
      <ExportSection datasetId={datasetId} />
      <ScoreSection />
    </div>
  );
}

function ExportSection({ datasetId }: { datasetId: number }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const phaseOne = t('training.phase', { n: loc.number().format(1) });
  const listed = useApi('operations.list', { datasetId });
  const operations = listed.data ?? NO_OPERATIONS;
  const exporting = useApiMutation('package.export');
  const [included, setIncluded] = useState<Set<number>>(new Set());
  const [carriedOut, setCarriedOut] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [briefing, setBriefing] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [out, setOut] = useState('');
  const [firstTitle, setFirstTitle] = useState(phaseOne);
  const [later, setLater] = useState<LaterPhaseDraft[]>([]);
  const [phaseErrors, setPhaseErrors] = useState<FieldErrors[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = exporting.isPending;
  useEffect(() => { setIncluded(new Set()); setCarriedOut(null); setLater([]); }, [datasetId]);

  const toggle = (id: number) => setIncluded((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const run = async () => {
    setError(null); setStatus(null);
    if (carriedOut === null) return setError(t('training.export.error.carriedOut'));
    if (!briefing.trim()) return setError(t('training.export.error.briefing'));
    if (passphrase.length < MIN_PASSPHRASE_CHARS) return setError(t('training.export.error.passphrase', { n: loc.number().format(MIN_PASSPHRASE_CHARS) }));
    const path = parsePaths(out)[0];
    if (!path) return setError(t('training.export.error.path', { example: PACKAGE_EXAMPLE }));
    const parsed = later.map((d, i) => parseLaterPhase(d, i + 2, passphrase, loc));
    setPhaseErrors(parsed.map((p) => (p.ok ? {} : p.errors)));
    if (parsed.some((p) => !p.ok)) return setError(t('training.export.error.phases'));
    const laterPhases = parsed.map((p) => (p as { value: LaterPhaseInput }).value);
    try {
      const r = await exporting.mutateAsync({
        dataset: datasetId, operationId: carriedOut, optionIds: [...included].filter((id) => id !== carriedOut),
        briefing, passphrase, out: path, ...(title.trim() ? { title: title.trim() } : {}),
        ...(laterPhases.length ? { laterPhases, firstPhaseTitle: firstTitle.trim() || phaseOne } : {}),
      });
      setStatus(t(r.phases > 1 ? 'training.export.wrotePhases' : 'training.export.wrote', {
        path: r.path, bytes: t('training.export.bytes', { count: r.bytes, n: formatCount(r.bytes, loc) }), title: r.title,
        phases: loc.number().format(r.phases), options: r.operations.join(t('training.listSeparator')),
      }));
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-export">
      <h3>{t('training.export.title')}</h3>
      {operations.length === 0 ? <p className="hint">{t('training.export.noOperation')}</p> : (
        <table className="table">
          <thead><tr><th>{t('training.export.offer')}</th><th>{t('training.export.carriedOut')}</th><th>{t('training.export.operation')}</th></tr></thead>
          <tbody>
            {operations.map((o) => (
              <tr key={o.id}>
                <td><input type="checkbox" checked={included.has(o.id) || carriedOut === o.id} disabled={carriedOut === o.id} onChange={() => toggle(o.id)} aria-label={t('training.export.offerLabel', { name: o.operation.name })} data-testid={`export-offer-${o.id}`} /></td>
                <td><input type="radio" name="carried-out" checked={carriedOut === o.id} onChange={() => setCarriedOut(o.id)} aria-label={t('training.export.carriedOutLabel', { name: o.operation.name })} data-testid={`export-carried-${o.id}`} /></td>
                <td><bdi translate="no">{o.operation.name}</bdi> <span className="muted">{t('training.operationId', { id: idOf(loc, o.id) })}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="postop-form">
        <label>{t('training.export.packageTitle')}<input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="export-title" /></label>
        {later.length > 0 && <label>{t('training.export.firstPhaseTitle', { n: loc.number().format(1) })}<input value={firstTitle} onChange={(e) => setFirstTitle(e.target.value)} data-testid="export-first-phase-title" /></label>}
        <label>{later.length > 0 ? t('training.export.briefingPhaseOne', { n: loc.number().format(1) }) : t('training.export.briefing')}<textarea rows={5} value={briefing} onChange={(e) => setBriefing(e.target.value)} data-testid="export-briefing" /></label>
        <label>{t('training.export.passphrase', { n: loc.number().format(MIN_PASSPHRASE_CHARS) })}
          <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="export-passphrase" />
        </label>
        {later.map((d, i) => (
          <LaterPhaseFields key={i} n={i + 2} draft={d} operations={operations} errors={phaseErrors[i] ?? {}}
            onChange={(p) => setLater((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)))}
            onRemove={() => { setLater((all) => all.filter((_, j) => j !== i)); setPhaseErrors([]); }} />
        ))}
        <button className="link" onClick={() => setLater((all) => [...all, emptyLaterPhase(all.length + 2, loc)])} disabled={operations.length === 0 || later.length >= 9} data-testid="export-add-phase">
          {t('training.export.addPhase')}
        </button>
        <label>{t('training.export.saveAs')}<input value={out} onChange={(e) => setOut(e.target.value)} placeholder={PACKAGE_EXAMPLE} dir="ltr" data-testid="export-out" /></label>
        {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
        {status && <p className="hint" role="status" data-testid="export-status">{status}</p>}
        <button onClick={() => void run()} disabled={busy || operations.length === 0} data-testid="export-package">{busy ? t('training.export.exporting') : t('training.export.run')}</button>
      </div>
    </section>
  );
}

function ExerciseSection() {
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

function ScoreSection() {
  const { t } = useTranslation('review');
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [hmacKey, setHmacKey] = useState('');
  const [answers, setAnswers] = useState('');
  const [score, setScore] = useState<Score | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scoring = useApiMutation('package.score');
  const busy = scoring.isPending;

  const run = async () => {
    const p = parsePaths(path)[0]; const files = parsePaths(answers);
    if (!p) return setError(t('training.error.packagePath'));
    if (!files.length) return setError(t('training.score.error.answers'));
    setError(null); setScore(null); setOpen(null);
    try {
      setScore(await scoring.mutateAsync({ path: p, passphrase, answers: files, ...(hmacKey ? { hmacKey } : {}) }));
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-score">
      <h3>{t('training.score.title')}</h3>
      <div className="postop-form">
        <label>{t('training.score.packageFile')}<input value={path} onChange={(e) => setPath(e.target.value)} data-testid="score-path" /></label>
        <FileChooser accept=".uiapkg" onChosen={([p]) => setPath(p ?? '')} testId="score-file" label={t('files.chooseOne')} />
        <label>{t('training.score.passphrase')}<input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="score-passphrase" /></label>
        <label>{t('training.score.signingKey')}<input value={hmacKey} onChange={(e) => setHmacKey(e.target.value)} /></label>
        <label>{t('training.score.answers')}<textarea rows={3} value={answers} onChange={(e) => setAnswers(e.target.value)} data-testid="score-answers" /></label>
        <FileChooser multiple accept=".json" onChosen={(ps) => setAnswers((a) => [...parsePaths(a), ...ps].join('\n'))} testId="score-answer-files" label={t('files.chooseMany')} />
        {error && <p className="error" role="alert">{error}</p>}
        <button onClick={() => void run()} disabled={busy} data-testid="score-run">{busy ? t('training.score.running') : t('training.score.run')}</button>
      </div>
      {score && <ScoreTable score={score} open={open} setOpen={setOpen} />}
    </section>
  );
}

/** A share as a whole percentage ("67%"), '–' when there is none. */
const percent = (x: number | null, loc: Locale) => (x === null ? '–' : loc.number({ style: 'percent', maximumFractionDigits: 0 }).format(x));

function ScoreTable({ score, open, setOpen }: { score: Score; open: number | null; setOpen(i: number | null): void }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const n = (x: number) => formatCount(x, loc);
  const killed = (a: Score['answers'][number]) => a.comparison?.figures.find((f) => f.key === 'casualties.killed') ?? null;
  const multi = score.phases.length > 1;
  const observed = (o: Score['observed']) => [
    t('training.score.observed.casualtyReports', { count: o.casualtyReports, n: n(o.casualtyReports) }),
    t('training.score.observed.outages', { count: o.outages, n: n(o.outages) }),
    t('training.score.observed.facilityStatuses', { count: o.facilityStatuses, n: n(o.facilityStatuses) }),
    t('training.score.observed.damageRecords', { count: o.damageRecords, n: n(o.damageRecords) }),
  ].join(t('training.listSeparator'));
  const carried = (option: string) => <Trans t={t} i18nKey="training.score.carriedOut" values={{ option }} components={{ strong: <strong translate="no" /> }} />;
  const opened = open === null ? null : score.answers[open] ?? null;
  return (
    <div data-testid="score">
      {multi ? (
        <div className="muted" data-testid="score-phases">
          <Trans t={t} i18nKey="training.score.phases" values={{ title: score.title, phases: loc.number().format(score.phases.length) }} components={{ title: <bdi translate="no" />, n: <bdi /> }} />
          <ol>{score.phases.map((p) => (
            <li key={p.phase}>
              <bdi translate="no">{p.title}</bdi>{p.phase > 1 ? ` ${t('training.score.daysLater', { later: t('training.daysLater', { count: p.daysAfterPrevious, n: loc.number().format(p.daysAfterPrevious) }) })}` : ''}
              {t('training.score.colon')}{carried(p.carriedOut)} {t('training.score.observedList', { list: observed(p.observed) })}
            </li>
          ))}</ol>
        </div>
      ) : (
        <p className="muted">
          <bdi translate="no">{t('training.quoted', { text: score.title })}</bdi>{t('training.score.colon')}{carried(score.carriedOut)} {t('training.score.observedList', { list: observed(score.observed) })} {t('training.score.scoredBy')}
        </p>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="score-table">
          <thead><tr><th />{score.answers.map((a, i) => <th key={i} translate="no">{a.trainee}</th>)}</tr></thead>
          <tbody>
            {multi && <tr><td>{t('training.score.row.phase')}</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-phase-${i}`}><bdi>{loc.number().format(a.phase)}</bdi>{t('training.score.colon')}<bdi translate="no">{score.phases[a.phase - 1]?.title}</bdi></td>)}</tr>}
            <tr><td>{t('training.score.row.chose')}</td>{score.answers.map((a, i) => <td key={i}><bdi translate="no">{a.chosenOption}</bdi> {a.choseCarriedOut ? <span className="postop-flag in">{t('training.score.wasCarriedOut')}</span> : <span className="muted">{t('training.score.notCarriedOut')}</span>}</td>)}</tr>
            <tr><td>{t('training.score.row.coverage')}</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-coverage-${i}`}>{a.comparison
              ? <Trans t={t} i18nKey="training.score.coverageValue" values={{ inside: n(a.comparison.coverage.all.inside), total: n(a.comparison.coverage.all.total), share: percent(a.comparison.coverage.all.share, loc) }} components={{ n: <bdi /> }} />
              : t('training.score.noEstimate')}</td>)}</tr>
            <tr><td>{t('training.score.row.biasCasualties')}</td>{score.answers.map((a, i) => <td key={i}><bdi>{formatRatio(a.comparison?.biasRatio.casualties ?? null, loc)}</bdi></td>)}</tr>
            <tr><td>{t('training.score.row.biasOutages')}</td>{score.answers.map((a, i) => <td key={i}><bdi>{formatRatio(a.comparison?.biasRatio.outages ?? null, loc)}</bdi></td>)}</tr>
            <tr><td>{t('training.score.row.killed')}</td>{score.answers.map((a, i) => { const k = killed(a); return <td key={i}><bdi>{k ? `${n(k.predicted.mean)} (${n(k.predicted.p05)}–${n(k.predicted.p95)}) / ${n(k.observed)}` : '–'}</bdi></td>; })}</tr>
            <tr><td>{t('training.score.row.why')}</td>{score.answers.map((a, i) => <td key={i} className="muted" translate="no" dir="auto">{a.rationale || '–'}</td>)}</tr>
            <tr><td />{score.answers.map((a, i) => <td key={i}>{a.comparison && <button className="link" onClick={() => setOpen(open === i ? null : i)}>{open === i ? t('training.score.hideComparison') : t('training.score.showComparison')}</button>}</td>)}</tr>
          </tbody>
        </table>
      </div>
      {opened?.comparison && (
        <ComparisonDetails comparison={opened.comparison} caption={
          <Trans t={t} i18nKey="training.score.comparisonCaption"
            values={{ trainee: opened.trainee, file: opened.file, at: loc.date({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(opened.submittedAt)), option: score.phases[opened.phase - 1]?.carriedOut ?? score.carriedOut }}
            components={{ trainee: <bdi translate="no" />, file: <bdi translate="no" dir="ltr" />, at: <bdi translate="no" />, option: <bdi translate="no" /> }} />
        } />
      )}
    </div>
  );
}
