// The parts of logic-solver (untyped on npm) that the baseline uses.
declare module 'logic-solver' {
  type Term = unknown;
  interface Solver {
    require(...f: Term[]): void;
    solve(): object | null;
  }
  const Logic: {
    TRUE: Term;
    FALSE: Term;
    and(...f: Term[]): Term;
    or(...f: Term[]): Term;
    atMostOne(...f: Term[]): Term;
    Solver: new () => Solver;
  };
  export default Logic;
}
