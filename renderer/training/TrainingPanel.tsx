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
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { formatCount } from '../../core/model/format';
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
type Score = Output<'package.score'>;

const message = (e: unknown) => (e as Error).message;

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
  const listed = useApi('operations.list', { datasetId });
  const operations = listed.data ?? NO_OPERATIONS;
  const exporting = useApiMutation('package.export');
  const [included, setIncluded] = useState<Set<number>>(new Set());
  const [carriedOut, setCarriedOut] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [briefing, setBriefing] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [out, setOut] = useState('');
  const [firstTitle, setFirstTitle] = useState('Phase 1');
  const [later, setLater] = useState<LaterPhaseDraft[]>([]);
  const [phaseErrors, setPhaseErrors] = useState<FieldErrors[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = exporting.isPending;
  useEffect(() => { setIncluded(new Set()); setCarriedOut(null); setLater([]); }, [datasetId]);

  const toggle = (id: number) => setIncluded((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const run = async () => {
    setError(null); setStatus(null);
    if (carriedOut === null) return setError('choose the option that was carried out (its observed outcomes are sealed in the package)');
    if (!briefing.trim()) return setError('write a briefing for the trainees');
    if (passphrase.length < MIN_PASSPHRASE_CHARS) return setError(`the reveal passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters`);
    const path = parsePaths(out)[0];
    if (!path) return setError('give the path of the package file to write (e.g. /home/me/exercise.uiapkg)');
    const parsed = later.map((d, i) => parseLaterPhase(d, i + 2, passphrase));
    setPhaseErrors(parsed.map((p) => (p.ok ? {} : p.errors)));
    if (parsed.some((p) => !p.ok)) return setError('complete the phases marked below');
    const laterPhases = parsed.map((p) => (p as { value: LaterPhaseInput }).value);
    try {
      const r = await exporting.mutateAsync({
        dataset: datasetId, operationId: carriedOut, optionIds: [...included].filter((id) => id !== carriedOut),
        briefing, passphrase, out: path, ...(title.trim() ? { title: title.trim() } : {}),
        ...(laterPhases.length ? { laterPhases, firstPhaseTitle: firstTitle.trim() || 'Phase 1' } : {}),
      });
      setStatus(`Wrote ${r.path} (${formatCount(r.bytes)} bytes): “${r.title}”, ${r.phases > 1 ? `${r.phases} phases, ` : ''}options ${r.operations.join(', ')}. The outcomes are sealed until revealed with the passphrase${r.phases > 1 ? '; each later phase opens with its code' : ''}.`);
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-export">
      <h3>Trainer: make a scenario package</h3>
      {operations.length === 0 ? <p className="hint">No saved operation in this dataset: save options in the Options tab and record what happened after one of them.</p> : (
        <table className="table">
          <thead><tr><th>Offer</th><th>Carried out</th><th>Operation</th></tr></thead>
          <tbody>
            {operations.map((o) => (
              <tr key={o.id}>
                <td><input type="checkbox" checked={included.has(o.id) || carriedOut === o.id} disabled={carriedOut === o.id} onChange={() => toggle(o.id)} aria-label={`Offer ${o.operation.name}`} data-testid={`export-offer-${o.id}`} /></td>
                <td><input type="radio" name="carried-out" checked={carriedOut === o.id} onChange={() => setCarriedOut(o.id)} aria-label={`${o.operation.name} was carried out`} data-testid={`export-carried-${o.id}`} /></td>
                <td>{o.operation.name} <span className="muted">operation id {o.id}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="postop-form">
        <label>Title (default: the name of the operation carried out)<input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="export-title" /></label>
        {later.length > 0 && <label>Title of phase 1<input value={firstTitle} onChange={(e) => setFirstTitle(e.target.value)} data-testid="export-first-phase-title" /></label>}
        <label>Briefing for the trainees{later.length > 0 ? ' (phase 1)' : ''}<textarea rows={5} value={briefing} onChange={(e) => setBriefing(e.target.value)} data-testid="export-briefing" /></label>
        <label>Reveal passphrase (at least {MIN_PASSPHRASE_CHARS} characters; give it to no trainee before the debrief)
          <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="export-passphrase" />
        </label>
        {later.map((d, i) => (
          <LaterPhaseFields key={i} n={i + 2} draft={d} operations={operations} errors={phaseErrors[i] ?? {}}
            onChange={(p) => setLater((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)))}
            onRemove={() => { setLater((all) => all.filter((_, j) => j !== i)); setPhaseErrors([]); }} />
        ))}
        <button className="link" onClick={() => setLater((all) => [...all, emptyLaterPhase(all.length + 2)])} disabled={operations.length === 0 || later.length >= 9} data-testid="export-add-phase">
          Add a later phase (a follow-up, unlocked by a code)
        </button>
        <label>Save the package as (path on this computer)<input value={out} onChange={(e) => setOut(e.target.value)} placeholder="/home/me/exercise.uiapkg" data-testid="export-out" /></label>
        {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
        {status && <p className="hint" role="status" data-testid="export-status">{status}</p>}
        <button onClick={() => void run()} disabled={busy || operations.length === 0} data-testid="export-package">{busy ? 'Exporting…' : 'Export package'}</button>
      </div>
    </section>
  );
}

function ExerciseSection() {
  const { exercise, setExercise } = useExercise();
  const setDatasetId = useAppState((s) => s.setDatasetId);
  const opening = useApiMutation('package.import', ['datasets.list']);
  const [path, setPath] = useState('');
  const [hmacKey, setHmacKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = opening.isPending;

  const open = async () => {
    const p = parsePaths(path)[0];
    if (!p) return setError('give the path of the package file');
    setError(null);
    try {
      const s = await opening.mutateAsync({ path: p, ...(hmacKey ? { hmacKey } : {}) }); // the datasets list is refetched before this returns
      setExercise({ ...s, path: p, ...(hmacKey ? { hmacKey } : {}), phase: 1, answered: [], unlocked: {} });
      setDatasetId(s.datasetId);
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-exercise">
      <h3>Trainee: open a scenario package</h3>
      {!exercise && (
        <div className="postop-form">
          <label>Package file (path on this computer)<input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/exercise.uiapkg" data-testid="exercise-path" /></label>
          <FileChooser accept=".uiapkg" onChosen={([p]) => setPath(p ?? '')} testId="exercise-file" />
          <label>Signing key, if the trainer signed it<input value={hmacKey} onChange={(e) => setHmacKey(e.target.value)} data-testid="exercise-key" /></label>
          {error && <p className="error" role="alert">{error}</p>}
          <button onClick={() => void open()} disabled={busy} data-testid="exercise-open">{busy ? 'Opening…' : 'Open package'}</button>
        </div>
      )}
      {exercise && <ExerciseView onClose={() => setExercise(null)} />}
    </section>
  );
}

function ExerciseView({ onClose }: { onClose(): void }) {
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
    if (!chosen) return setError('choose the option you would carry out');
    if (!trainee.trim()) return setError('give your name, so the trainer can tell the answers apart');
    const path = parsePaths(out)[0];
    if (!path) return setError('give the path of the answer file to write (e.g. /home/me/answer.json)');
    try {
      const r = await answering.mutateAsync({
        path: exercise.path, ...(exercise.hmacKey ? { hmacKey: exercise.hmacKey } : {}), chosenOperationId: Number(chosen),
        ...(multi ? { phase: n } : {}), trainee: trainee.trim(), rationale, out: path,
      });
      update({ answered: [...new Set([...exercise.answered, n])] });
      setStatus(`Answer${multi ? ` to phase ${r.phase}` : ''} written to ${r.path}: ${r.trainee} chose “${r.chosenOption}”, with an estimate of ${r.options.length} option(s). Hand this file to the trainer.`);
    } catch (e) { setError(message(e)); }
  };

  return (
    <div data-testid="exercise">
      <p className="hint" data-testid="exercise-mode"><strong>Exercise: {exercise.title}.</strong> Dataset “{exercise.datasetName}”. The observed outcomes stay sealed in the package until the trainer reveals them.</p>
      {multi && (
        <ol className="saved" data-testid="exercise-phases">
          {phases.map((p) => {
            const open = p.phase === 1 || exercise.unlocked[p.phase];
            return (
              <li key={p.phase} className={p.phase === n ? 'active' : ''}>
                <span>
                  {p.phase === n ? <strong>Phase {p.phase}: {p.title}</strong> : <>Phase {p.phase}: {p.title}</>}
                  {p.phase > 1 && <span className="muted"> · {p.daysAfterPrevious} day{p.daysAfterPrevious === 1 ? '' : 's'} after phase {p.phase - 1}</span>}
                  {exercise.answered.includes(p.phase) && <span className="postop-flag in"> answered</span>}
                  {!open && <span className="muted"> · locked</span>}
                </span>
                {open && p.phase !== n && <button className="link" onClick={() => update({ phase: p.phase })}>Show</button>}
              </li>
            );
          })}
        </ol>
      )}
      {unlocked && <PreviousPhase unlocked={unlocked} />}
      <h4>Briefing{multi ? ` — phase ${n}: ${phase.title}` : ''}</h4>
      <div className="area-card briefing" style={{ whiteSpace: 'pre-wrap', display: 'block' }} data-testid="briefing">{briefing}</div>
      <h4>Options</h4>
      <ul className="saved" data-testid="exercise-options">
        {phase.options.map((o) => {
          const op = saved.find((s) => s.id === o.id)?.operation;
          return (
            <li key={o.id}>
              <span>{o.name} <span className="muted">operation id {o.id}</span></span>
              <button className="link" disabled={!op} onClick={() => op && useWorkspace.getState().load(op)} title="Load this option into the planner (Estimate tab) to study its figures">Study in the planner</button>
            </li>
          );
        })}
      </ul>
      <h4>Your answer{multi ? ` to phase ${n}` : ''}</h4>
      <div className="postop-form">
        <label>Option you would carry out
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="answer-option">
            <option value="">choose…</option>
            {phase.options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </label>
        <label>Your name<input value={trainee} onChange={(e) => setTrainee(e.target.value)} data-testid="answer-trainee" /></label>
        <label>Why (optional)<textarea rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} data-testid="answer-rationale" /></label>
        <label>Save the answer as (path on this computer)<input value={out} onChange={(e) => setOut(e.target.value)} placeholder="/home/me/answer.json" data-testid="answer-out" /></label>
        <p className="muted">Your estimate of every option is the app's assessment of it (made now if none is stored).</p>
        {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
        {status && <p className="hint" role="status" data-testid="answer-status">{status}</p>}
        <div className="row">
          <button onClick={() => void submit()} disabled={busy} data-testid="answer-submit">{busy ? 'Assessing and writing…' : 'Submit answer'}</button>
          <button className="link" onClick={onClose}>Close the exercise</button>
        </div>
      </div>
      {n < phases.length && exercise.answered.includes(n) && !exercise.unlocked[n + 1] && <PhaseUnlock next={phases[n]!} />}
    </div>
  );
}

/** What the previous phase did, revealed with this phase's code: carried-out option and counts (its damage is on the map). */
function PreviousPhase({ unlocked }: { unlocked: Output<'package.unlockPhase'> }) {
  const p = unlocked.previous;
  const o = p.observed;
  const killed = o.casualties.reduce((s, c) => s + (c.killed ?? 0), 0);
  const injured = o.casualties.reduce((s, c) => s + (c.injured ?? 0), 0);
  const displaced = (o.displacement ?? []).reduce((s, d) => s + d.displaced, 0);
  return (
    <div className="area-card" style={{ display: 'block' }} data-testid="previous-phase">
      <strong>What happened in phase {p.phase} ({p.title})</strong>: “{p.operation}” was carried out.
      <ul>
        <li>{formatCount(o.damage.length)} building{o.damage.length === 1 ? '' : 's'} observed damaged, drawn on the map <span className="postop-swatch" style={{ background: REVEALED_COLOUR, display: 'inline-block', width: 10, height: 10, borderRadius: 5 }} /></li>
        {o.casualties.length > 0 && <li>Casualty reports: {formatCount(killed)} killed, {formatCount(injured)} injured ({o.casualties.map((c) => c.source).join('; ')})</li>}
        {o.facilities.length > 0 && <li>Facilities: {o.facilities.filter((f) => f.down).length} of {o.facilities.length} reported out of service</li>}
        {o.outages.map((x, i) => <li key={i}>{x.sector} outage: {formatCount(x.people)} people × {x.days} day{x.days === 1 ? '' : 's'}</li>)}
        {displaced > 0 && <li>Displaced: {formatCount(displaced)} people</li>}
      </ul>
      <span className="muted">Recorded on “{p.operation}” in this database (After action tab).</span>
    </div>
  );
}

function ScoreSection() {
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
    if (!p) return setError('give the path of the package file');
    if (!files.length) return setError('give at least one answer file, one path per line');
    setError(null); setScore(null); setOpen(null);
    try {
      setScore(await scoring.mutateAsync({ path: p, passphrase, answers: files, ...(hmacKey ? { hmacKey } : {}) }));
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-score">
      <h3>Trainer: reveal and score answers</h3>
      <div className="postop-form">
        <label>Package file<input value={path} onChange={(e) => setPath(e.target.value)} data-testid="score-path" /></label>
        <FileChooser accept=".uiapkg" onChosen={([p]) => setPath(p ?? '')} testId="score-file" />
        <label>Reveal passphrase<input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="score-passphrase" /></label>
        <label>Signing key, if signed<input value={hmacKey} onChange={(e) => setHmacKey(e.target.value)} /></label>
        <label>Answer files, one path per line<textarea rows={3} value={answers} onChange={(e) => setAnswers(e.target.value)} data-testid="score-answers" /></label>
        <FileChooser multiple accept=".json" onChosen={(ps) => setAnswers((a) => [...parsePaths(a), ...ps].join('\n'))} testId="score-answer-files" />
        {error && <p className="error" role="alert">{error}</p>}
        <button onClick={() => void run()} disabled={busy} data-testid="score-run">{busy ? 'Revealing…' : 'Reveal and score'}</button>
      </div>
      {score && <ScoreTable score={score} open={open} setOpen={setOpen} />}
    </section>
  );
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function ScoreTable({ score, open, setOpen }: { score: Score; open: number | null; setOpen(i: number | null): void }) {
  const killed = (a: Score['answers'][number]) => a.comparison?.figures.find((f) => f.key === 'casualties.killed') ?? null;
  const multi = score.phases.length > 1;
  const observed = (o: Score['observed']) => `${o.casualtyReports} casualty report(s), ${o.outages} outage(s), ${o.facilityStatuses} facility status(es), ${formatCount(o.damageRecords)} damage records`;
  return (
    <div data-testid="score">
      {multi ? (
        <div className="muted" data-testid="score-phases">
          “{score.title}”, {score.phases.length} phases. Each answer is scored by its estimate of the option carried out in its phase.
          <ol>{score.phases.map((p) => <li key={p.phase}>{p.title}{p.phase > 1 ? ` (${p.daysAfterPrevious} days later)` : ''}: carried out <strong>{p.carriedOut}</strong>. Observed: {observed(p.observed)}.</li>)}</ol>
        </div>
      ) : (
        <p className="muted">
          “{score.title}”: carried out <strong>{score.carriedOut}</strong>. Observed: {observed(score.observed)}. Each answer is scored by its estimate of the option carried out.
        </p>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="score-table">
          <thead><tr><th />{score.answers.map((a, i) => <th key={i}>{a.trainee}</th>)}</tr></thead>
          <tbody>
            {multi && <tr><td>Phase</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-phase-${i}`}>{a.phase}: {score.phases[a.phase - 1]?.title}</td>)}</tr>}
            <tr><td>Chose</td>{score.answers.map((a, i) => <td key={i}>{a.chosenOption} {a.choseCarriedOut ? <span className="postop-flag in">= carried out</span> : <span className="muted">(not carried out)</span>}</td>)}</tr>
            <tr><td>Coverage (inside the 90% interval)</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-coverage-${i}`}>{a.comparison ? `${a.comparison.coverage.all.inside} of ${a.comparison.coverage.all.total} (${pct(a.comparison.coverage.all.share)})` : 'no estimate of it'}</td>)}</tr>
            <tr><td>Bias, casualties (obs/pred)</td>{score.answers.map((a, i) => <td key={i}>{formatRatio(a.comparison?.biasRatio.casualties ?? null)}</td>)}</tr>
            <tr><td>Bias, people without service</td>{score.answers.map((a, i) => <td key={i}>{formatRatio(a.comparison?.biasRatio.outages ?? null)}</td>)}</tr>
            <tr><td>Killed: predicted / observed</td>{score.answers.map((a, i) => { const k = killed(a); return <td key={i}>{k ? `${formatCount(k.predicted.mean)} (${formatCount(k.predicted.p05)}–${formatCount(k.predicted.p95)}) / ${formatCount(k.observed)}` : '–'}</td>; })}</tr>
            <tr><td>Why</td>{score.answers.map((a, i) => <td key={i} className="muted">{a.rationale || '–'}</td>)}</tr>
            <tr><td />{score.answers.map((a, i) => <td key={i}>{a.comparison && <button className="link" onClick={() => setOpen(open === i ? null : i)}>{open === i ? 'Hide' : 'Show'} the comparison</button>}</td>)}</tr>
          </tbody>
        </table>
      </div>
      {open !== null && score.answers[open]?.comparison && (
        <ComparisonDetails comparison={score.answers[open]!.comparison!} caption={<>Estimate of {score.answers[open]!.trainee} ({score.answers[open]!.file}, submitted {new Date(score.answers[open]!.submittedAt).toLocaleString('en-GB')}) for “{score.phases[score.answers[open]!.phase - 1]?.carriedOut ?? score.carriedOut}”</>} />
      )}
    </div>
  );
}
