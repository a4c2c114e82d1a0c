/**
 * Where `npm test`'s time goes (issue 17): after the run, each jest project's files and the sum of their run times,
 * biggest first, then the slowest files. Jest runs files in parallel workers, so the sums add up to more than the
 * wall time, which is printed beside them. Figures only: nothing here fails a run.
 */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class TimeReporter {
  constructor() {
    this.files = [];
    this.startedAt = Date.now();
  }

  onRunStart() {
    this.startedAt = Date.now();
  }

  onTestResult(test, result) {
    const { start, end } = result.perfStats;
    const project = test.context.config.displayName?.name ?? 'default';
    this.files.push({ project, path: test.path.slice(test.context.config.rootDir.length + 1), ms: end - start });
  }

  onRunComplete() {
    const byProject = new Map();
    for (const file of this.files) {
      const sum = byProject.get(file.project) ?? { files: 0, ms: 0 };
      byProject.set(file.project, { files: sum.files + 1, ms: sum.ms + file.ms });
    }
    const lines = [...byProject.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([name, sum]) => `  ${name.padEnd(18)} ${String(sum.files).padStart(4)} files ${seconds(sum.ms).padStart(9)}`,
      );
    const slowest = [...this.files]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((file) => `  ${seconds(file.ms).padStart(8)}  ${file.project}  ${file.path}`);
    console.log(
      [
        `time by project (files run in parallel; wall ${seconds(Date.now() - this.startedAt)}):`,
        ...lines,
        'slowest files:',
        ...slowest,
      ].join('\n'),
    );
  }
}

module.exports = TimeReporter;
