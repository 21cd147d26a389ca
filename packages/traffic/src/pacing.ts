// Requests begun a few at a time per turn of the event loop. When a burst arrives (a flash sale opening, 100 phones
// at once), Node reads every socket that is ready in one turn and would begin every request before it reads
// anything else: PostgreSQL's answers to the first of them, already there, wait until the last has been parsed,
// and the database sits idle meanwhile. Begun `perTurn` at a time, the rest wait for the next turns, and between
// them the process handles what has arrived: the first orders are read, written and answered while the burst is
// still being taken in. Requests begin in the order they came.

/** Runs `begin`s at most `perTurn` per turn of the event loop, in the order given. */
export class TurnPacer {
  private readonly waiting: (() => void)[] = [];
  /** How many began since the last check phase (setImmediate), the budget's use. */
  private begunThisTurn = 0;
  private turnScheduled = false;

  constructor(private readonly perTurn: number) {
    if (!(Number.isInteger(perTurn) && perTurn >= 1)) throw new Error("A pacer needs perTurn to be a whole number >= 1");
  }

  /** Begins now while this turn's budget lasts and none wait before it; otherwise in a later turn. */
  pace(begin: () => void): void {
    this.scheduleTurn();
    if (this.waiting.length === 0 && this.begunThisTurn < this.perTurn) {
      this.begunThisTurn++;
      begin();
    } else {
      this.waiting.push(begin);
    }
  }

  /** How many wait for a later turn. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Begins every one waiting, now: when the process stops taking requests, those that arrived before are begun. */
  beginAll(): void {
    beginEach(this.waiting.splice(0));
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(this.nextTurn);
  }

  // setImmediate runs after the turn's I/O callbacks: the budget renews there, spent first on those waiting.
  private readonly nextTurn = (): void => {
    const begun = this.waiting.splice(0, this.perTurn);
    this.begunThisTurn = begun.length;
    this.turnScheduled = false;
    if (begun.length > 0) this.scheduleTurn();
    beginEach(begun);
  };
}

/** Begins each in turn; one that throws does not keep the others from beginning, and its error is thrown after. */
function beginEach(begins: readonly (() => void)[]): void {
  const failures: unknown[] = [];
  for (const begin of begins) {
    try {
      begin();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
