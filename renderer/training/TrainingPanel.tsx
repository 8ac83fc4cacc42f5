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
import '../postop/postop.css';
import { ExportSection } from './ExportSection';
import { ExerciseSection } from './ExerciseSection';
import { ScoreSection } from './ScoreSection';

export function TrainingPanel({ datasetId }: { datasetId: number }) {
  return (
    <div className="postop training" data-testid="training-panel">
      <ExerciseSection />
      <ExportSection datasetId={datasetId} />
      <ScoreSection />
    </div>
  );
}
