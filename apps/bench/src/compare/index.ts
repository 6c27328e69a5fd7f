// The compare command's building blocks, for the CLI to wire up: load two reports, compare, render, set the exit code.
export {
  type CompareOptions,
  type Comparison,
  compareReports,
  hasRegression,
  type MatchedPoint,
  type UnmatchedPoint,
  type Verdict,
} from './compare.js';
export { renderComparison } from './render.js';
