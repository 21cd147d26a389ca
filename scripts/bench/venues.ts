// `npm run bench:venues`: the venue benchmarks, one after the other, each self-contained (it starts what it needs,
// prints its figures and stops what it started): queue takes under contention, then the hotel's booking holds and
// the kitchen display's order-to-screen latency.
import bookings from "./venues/bookings";
import kitchen from "./venues/kitchen";
import queue from "./venues/queue";

// A bench that checks its own outcome answers false when it was wrong (oversold, lost); the run then fails.
const benches: { name: string; run: () => Promise<unknown> }[] = [
  { name: "queue", run: queue },
  { name: "booking holds", run: bookings },
  { name: "kitchen display", run: kitchen },
];

for (const bench of benches) {
  console.log(`\n== ${bench.name}`);
  if ((await bench.run()) === false) process.exitCode = 1;
}
