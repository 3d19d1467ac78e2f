import type { Publisher, User } from '../store/store';
import { ACTIONS, can, canSome, sameState, type Action } from './policy';

const mer: Pick<Publisher, 'id' | 'state'> = { id: 'mer', state: 'Yucatán' };
const mty: Pick<Publisher, 'id' | 'state'> = { id: 'mty', state: 'Nuevo León' };
const users: Record<string, User> = {
  capMer: { id: '1', email: 'a@x', role: 'capturista', publisherId: 'mer' },
  capNone: { id: '2', email: 'b@x', role: 'capturista' },
  coordYuc: { id: '3', email: 'c@x', role: 'coordinador', state: 'yucatan ' },
  coordNone: { id: '4', email: 'd@x', role: 'coordinador' },
  admin: { id: '5', email: 'e@x', role: 'admin' },
};

// Expected: which of (mer, mty, no target) each user may act on, per action.
const EXPECTED: Record<Action, Record<string, [boolean, boolean, boolean]>> = {
  'submission.create': { capMer: [true, false, false], capNone: [false, false, false], coordYuc: [false, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'submission.list': { capMer: [true, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'submission.read': { capMer: [true, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'submission.approve': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'submission.return': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'submission.withdraw': { capMer: [true, false, false], capNone: [false, false, false], coordYuc: [false, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'audit.read': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'publisher.admin': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [false, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'stages.record': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
  'report.read': { capMer: [false, false, false], capNone: [false, false, false], coordYuc: [true, false, false], coordNone: [false, false, false], admin: [true, true, true] },
};

test.each(ACTIONS.flatMap((a) => Object.keys(users).map((u) => [a, u] as const)))('%s by %s', (action, name) => {
  const user = users[name];
  expect([can(user, action, { publisher: mer }), can(user, action, { publisher: mty }), can(user, action)]).toEqual(EXPECTED[action][name]);
});

test('the table above covers every action the policy knows, and nothing else', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
});

test('anonymous may do nothing', () => {
  for (const a of ACTIONS) expect(can(undefined, a, { publisher: mer })).toBe(false);
});

test('canSome: whether a role has any scope for the action', () => {
  expect(canSome(users.coordYuc, 'audit.read')).toBe(true);
  expect(canSome(users.capMer, 'audit.read')).toBe(false);
  expect(canSome(undefined, 'submission.read')).toBe(false);
});

test('state names compare without case, accents or extra spaces, and blank never matches', () => {
  expect(sameState('Nuevo León', ' nuevo  leon')).toBe(true);
  expect(sameState('Yucatán', 'Nuevo León')).toBe(false);
  expect(sameState('', '')).toBe(false);
  expect(sameState(undefined, 'Yucatán')).toBe(false);
});
