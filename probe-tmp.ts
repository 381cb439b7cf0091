import { openStore } from "@/lib/store";
import { parseCallQuery, filtersOf } from "@/lib/calls/query";
const SEARCH = ["q=利息", "q=价格", "q=手续费", "q=贵", "q=1375", "q=地铁&result=answered&intent=A,B", "q=不需要&sort=durationSec:desc"];
const LIST = ["", "intent=A,B", "intent=A,B&hangup=customer", "result=answered&roundsMin=3&roundsMax=10", "result=busy,no_answer,power_off", "sort=durationSec:desc", "sort=rounds:asc&result=answered", "durationMin=60&durationMax=300&review=unreviewed", "from=2026-11-01&to=2026-11-10&intent=none", "source=hz-robot,tanyi&sort=startedAt:asc", "intent=F&source=agent", "limit=200&result=answered"];
async function main() {
  const store = await openStore("postgres://callscope:callscope@127.0.0.1:5432/callscope_bench_m7");
  for (const q of [...SEARCH, ...LIST]) {
    const query = parseCallQuery(new URLSearchParams(q));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) { const t = performance.now(); await store.calls.list(query, "Asia/Shanghai"); times.push(performance.now() - t); }
    const st: number[] = [];
    for (let i = 0; i < 2; i++) { const t = performance.now(); await store.calls.stats(filtersOf(query), "Asia/Shanghai"); st.push(performance.now() - t); }
    console.log(q.padEnd(50), "list", times.map((x) => x.toFixed(0)).join(" "), " stats", st.map((x) => x.toFixed(0)).join(" "));
  }
  await store.close();
}
main();
