// `npm run bench:venues`: the venue benchmarks, one after the other, each self-contained (it starts what it needs,
// prints its figures and stops what it started): queue takes under contention, then the hotel's booking holds and
// the kitchen display's order-to-screen latency.
import bookings from "./venues/bookings";
import queue from "./venues/queue";

const benches: { name: string; run: () => Promise<void> }[] = [
  { name: "queue", run: queue },
  { name: "booking holds", run: bookings },
];

for (const bench of benches) {
  console.log(`\n== ${bench.name}`);
  await bench.run();
}
