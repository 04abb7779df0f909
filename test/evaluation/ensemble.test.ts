import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateClassifier, softVote, SoftVotingEnsemble } from '../../lib/evaluation';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Reference: scikit-learn 1.9 VotingClassifier(voting='soft', weights=[2, 1, 1]) over three simple
// models fitted on the same rows; its predict_proba is np.average(member probas, axis=0, weights).
const SKLEARN = `import numpy as np
from sklearn.ensemble import VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier
rng = np.random.default_rng(7)
X = rng.normal(size=(600, 3)); y = (X @ [1.0, -0.5, 0.25] + rng.normal(size=600) > 0).astype(int)
members = [("logistic", LogisticRegression()), ("nb", GaussianNB()), ("tree", DecisionTreeClassifier(max_depth=3, random_state=0))]
vote = VotingClassifier(members, voting="soft", weights=inp["weights"]).fit(X[:400], y[:400])
probas = [est.predict_proba(X[400:])[:, 1].tolist() for est in vote.estimators_]
print(json.dumps({"members": probas, "vote": vote.predict_proba(X[400:])[:, 1].tolist()}))`;

const WEIGHTS = [2, 1, 1];
let ref: { members: number[][]; vote: number[] };
beforeAll(() => {
  ref = runPython(SKLEARN, { weights: WEIGHTS });
});

describe('softVote', () => {
  it("reproduces sklearn VotingClassifier(voting='soft', weights) predict_proba", () => {
    const ours = softVote(ref.members, WEIGHTS);
    expect(ours.length).toBe(ref.vote.length);
    ours.forEach((p, i) => expect(Math.abs(p - ref.vote[i]!)).toBeLessThan(1e-15));
  });

  it('treats weights as ratios and defaults to the plain mean', () => {
    const a = Float64Array.of(0.2, 0.9), b = Float64Array.of(0.6, 0.1);
    expect(softVote([a, b])).toEqual(Float64Array.of(0.4, 0.5));
    const scaled = softVote([a, b], [30, 10]), unit = softVote([a, b], [3, 1]);
    scaled.forEach((p, i) => expect(Math.abs(p - unit[i]!)).toBeLessThan(1e-15));
    expect(softVote([a, b], [1, 0])).toEqual(a);
    expect(a).toEqual(Float64Array.of(0.2, 0.9)); // inputs untouched
  });

  it('lowers log loss when members err independently (synthetic forecasters of one probability)', () => {
    const rng = createRng(5), n = 4000;
    const logit = Float64Array.from({ length: n }, () => 1.5 * rng.normal());
    const y = logit.map((z) => (rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0));
    const member = () => logit.map((z) => 1 / (1 + Math.exp(-(z + 1.2 * rng.normal()))));
    const members = [member(), member(), member()];
    const single = members.map((p) => evaluateClassifier(y, p).logLoss);
    const ensemble = evaluateClassifier(y, softVote(members)).logLoss;
    expect(ensemble).toBeLessThan(Math.min(...single) - 0.02);
  });

  it('rejects bad weights and probabilities, naming them', () => {
    const a = [0.2, 0.9], b = [0.6, 0.1];
    expect(() => softVote([])).toThrow(/probabilities = array of length 0: must be a non-empty array of probability arrays/);
    expect(() => softVote([a, b], [1])).toThrow(/weights = array of length 1: must be an array of 2 weights, one per member\. Fix: pass e.g. \[2, 1\]/);
    expect(() => softVote([a, b], [1, -1])).toThrow(/weights\[1\] = -1: must be a finite number >= 0\. Fix: use relative weights/);
    expect(() => softVote([a, b], [1, NaN])).toThrow(/weights\[1\] = NaN/);
    expect(() => softVote([a, b], [0, 0])).toThrow(/weights = array of length 2: sum to 0\. Fix: give at least one member a positive weight/);
    expect(() => softVote([a, [0.5]])).toThrow(/probabilities\[1\].length = 1: must equal yTrue.length = 2/);
    expect(() => softVote([a, [0.5, 1.2]])).toThrow(/probabilities\[1\]\[1\] = 1.2: is not a probability/);
  });
});

describe('SoftVotingEnsemble', () => {
  const ensemble = new SoftVotingEnsemble({ members: ['logistic', 'nb', 'tree'], weights: WEIGHTS });

  it('votes by member name, with weights stored normalised', () => {
    expect(Array.from(ensemble.weights)).toEqual([0.5, 0.25, 0.25]);
    const [logistic, nb, tree] = ref.members as [number[], number[], number[]];
    const ours = ensemble.predict({ tree, logistic, nb });
    ours.forEach((p, i) => expect(Math.abs(p - ref.vote[i]!)).toBeLessThan(1e-15));
  });

  it('round-trips through JSON', () => {
    const json = JSON.parse(JSON.stringify(ensemble.toJSON()));
    expect(json).toEqual({ format: 'quantlab.soft-voting-ensemble', members: ['logistic', 'nb', 'tree'], weights: [0.5, 0.25, 0.25] });
    const back = SoftVotingEnsemble.fromJSON(json);
    const byMember = { logistic: ref.members[0]!, nb: ref.members[1]!, tree: ref.members[2]! };
    expect(back.predict(byMember)).toEqual(ensemble.predict(byMember));
  });

  it('rejects bad configs and inputs', () => {
    expect(() => new SoftVotingEnsemble({ members: [] })).toThrow(/options.members = array of length 0: must be a non-empty array of member names/);
    expect(() => new SoftVotingEnsemble({ members: ['a', 'a'] })).toThrow(/names 'a' twice\. Fix: give each member a unique name/);
    expect(() => new SoftVotingEnsemble({ members: ['a'], weights: [1], voting: 'hard' } as never)).toThrow(/options.voting = "hard": is not a known option/);
    expect(() => new SoftVotingEnsemble({ members: ['a', 'b'], weights: [1] })).toThrow(/options.weights = array of length 1/);
    expect(() => ensemble.predict({ logistic: [0.5], nb: [0.5] })).toThrow(/byMember.tree = undefined: is missing\. Fix: pass probabilities for every member/);
    expect(() => ensemble.predict({ logistic: [0.5], nb: [0.5], tree: [0.5], gru: [0.5] })).toThrow(/byMember.gru = array of length 1: is not a member/);
    expect(() => SoftVotingEnsemble.fromJSON({ format: 'nope' } as never)).toThrow(/json.format = "nope"/);
  });
});
