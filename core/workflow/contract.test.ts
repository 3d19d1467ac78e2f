import { checkReturnRequest, ContractError, MAX_COMMENT_LENGTH } from './contract';

describe('checkReturnRequest', () => {
  test('counts characters as people see them: 2,600 emoji are 2,600 characters (5,200 UTF-16 units), within the limit', () => {
    const comment = '🚧'.repeat(2600);
    expect(checkReturnRequest({ comment }).comment).toBe(comment);
    expect(() => checkReturnRequest({ comment: 'a'.repeat(MAX_COMMENT_LENGTH + 1) })).toThrow(ContractError);
    expect(() => checkReturnRequest({ comment: '  ' })).toThrow(ContractError);
  });
});
