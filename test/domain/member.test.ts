import { describe, expect, it } from 'vitest';
import {
  transitionMember,
  validateField,
  validateMemberCard,
  type MemberCardInput,
} from '../../src/domain/member.js';

const input: MemberCardInput = {
  realName: ' 张三 ',
  post: '综合窗口受理员',
  unit: '政务服务中心3号窗口',
  membership: '正式',
  isLeading: '否',
  isElderly: 'no',
  motto: '我的岗位我示范',
};

describe('validateMemberCard', () => {
  it('normalises a valid card', () => {
    expect(validateMemberCard(input)).toEqual({
      ok: true,
      value: {
        realName: '张三',
        post: '综合窗口受理员',
        unit: '政务服务中心3号窗口',
        membership: 'full',
        isLeading: false,
        isElderly: false,
        motto: '我的岗位我示范',
      },
    });
  });

  it.each([
    [{ realName: '' }, 'error-real-name-too-short'],
    [{ realName: '欧阳'.repeat(10) + '娜' }, 'error-real-name-too-long'],
    [{ post: '岗'.repeat(31) }, 'error-post-too-long'],
    [{ unit: '一\n二' }, 'error-unit-multiline'],
    [{ membership: '入党积极分子' }, 'error-member-bad-membership'],
    [{ isLeading: 'maybe' }, 'error-member-bad-yes-no'],
    [{ motto: '我'.repeat(31) }, 'error-motto-too-long'],
    [{ realName: '', motto: '我'.repeat(31) }, 'error-real-name-too-short'],
  ])('%j → %s', (patch, key) => {
    const result = validateMemberCard({ ...input, ...patch });
    expect(!result.ok && result.error.key).toBe(key);
  });
});

describe('validateField', () => {
  it.each([
    ['realName', '李四', '李四'],
    ['realName', '𠮷'.repeat(20), '𠮷'.repeat(20)],
    ['motto', '岗'.repeat(30), '岗'.repeat(30)],
    ['membership', '预备党员', 'probationary'],
    ['membership', 'Probationary', 'probationary'],
    ['membership', 'full', 'full'],
    // The reply-keyboard buttons of the join dialog, in both languages.
    ['membership', '正式党员', 'full'],
    ['membership', 'Full member', 'full'],
    ['membership', 'Probationary member', 'probationary'],
    ['isLeading', 'Yes', true],
    ['isLeading', 'No', false],
    ['isLeading', '是', true],
    ['isElderly', 'YES', true],
    ['isElderly', '否', false],
  ] as const)('%s %j → %j', (field, text, value) => {
    expect(validateField(field, text)).toEqual({ ok: true, value });
  });

  it('reports the limit of the field', () => {
    const result = validateField('motto', '我'.repeat(31));
    expect(!result.ok && result.error.params).toEqual({ max: 30, length: 31 });
  });
});

describe('transitionMember', () => {
  it.each([
    ['pending-confirmation', 'confirm', 'active'],
    ['pending-confirmation', 'reject', 'left'],
    ['active', 'leave', 'left'],
    ['left', 'rejoin', 'pending-confirmation'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(transitionMember(from, event)).toEqual({ ok: true, value: to });
  });

  it.each([
    ['active', 'confirm'],
    ['left', 'leave'],
    ['pending-confirmation', 'leave'],
    ['active', 'rejoin'],
  ] as const)('%s --%s--> rejected', (from, event) => {
    const result = transitionMember(from, event);
    expect(!result.ok && result.error.key).toBe('error-member-transition');
    expect(!result.ok && result.error.params).toEqual({ from, event });
  });
});
