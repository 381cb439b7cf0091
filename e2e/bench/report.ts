import os from "node:os";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
  detail?: string;
}

export function renderReport(run: {
  figures: Figure[];
  calls: number;
  smoke: boolean;
  started: Date;
  finished: Date;
}) {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [
    `# Callscope benchmark${run.smoke ? " (smoke: small size, figures not judged)" : ""}`,
    "",
    `${run.calls.toLocaleString("en-US")} simulated calls · ${run.started.toISOString()} · ${Math.round((run.finished.getTime() - run.started.getTime()) / 1000)} s · ${machine}`,
    "",
    "| measure | result | target | met | notes |",
    "|---|---|---|---|---|",
    ...run.figures.map(
      (f) =>
        `| ${f.name} | **${f.value.toLocaleString("en-US")}** ${f.unit} | ${f.target} | ${run.smoke ? "—" : f.ok ? "yes" : "**no**"} | ${f.detail ?? ""} |`,
    ),
    "",
  ];
  return {
    markdown: lines.join("\n"),
    json: {
      calls: run.calls,
      smoke: run.smoke,
      started: run.started.toISOString(),
      finished: run.finished.toISOString(),
      machine,
      figures: run.figures,
    },
  };
}
