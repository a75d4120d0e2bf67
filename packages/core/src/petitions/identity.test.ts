import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidIdNumber, isValidPhone, maskIdNumber, maskPhone, normaliseIdNumber, normalisePhone } from './identity.ts';

/** GB 11643-1999 check character of 17 digits, computed here independently of the code under test. */
function checkChar(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += weights[i] * Number(body[i]);
  return '10X98765432'[sum % 11];
}
const withCheck = (body: string) => body + checkChar(body);
const wrongCheck = (body: string) => body + '10X98765432'.split('').find((c) => c !== checkChar(body));

describe('checkChar (the test’s own GB 11643 helper)', () => {
  it('should give the published example 11010519491231002X its X', () => {
    assert.equal(checkChar('11010519491231002'), 'X');
    assert.equal(checkChar('32010219900101123'), '2');
  });
});

describe('isValidIdNumber', () => {
  const VALID = withCheck('32010219900101123'); // 320102199001011232
  const VALID_X = withCheck('11010519491231002'); // 11010519491231002X

  it('should accept an 18-digit number with a correct check digit', () => {
    assert.equal(VALID, '320102199001011232');
    assert.equal(isValidIdNumber(VALID), true);
  });

  it('should accept a number whose check character is X, in either case, with spaces around or inside', () => {
    assert.equal(VALID_X, '11010519491231002X');
    assert.equal(isValidIdNumber(VALID_X), true);
    assert.equal(isValidIdNumber('11010519491231002x'), true);
    assert.equal(isValidIdNumber(' 110105 19491231 002x '), true);
  });

  it('should accept numbers built from several bodies, and refuse every other check character', () => {
    for (const body of ['44052419800101001', '51010819771103003', '65010220001231456', '32010220240229000']) {
      const ok = withCheck(body);
      assert.equal(isValidIdNumber(ok), true, ok);
      for (const c of '0123456789X') {
        if (c !== ok[17]) assert.equal(isValidIdNumber(body + c), false, body + c);
      }
    }
  });

  it('should refuse a wrong check digit', () => {
    assert.equal(isValidIdNumber('320102199001011234'), false);
    assert.equal(isValidIdNumber(wrongCheck('32010219900101123')), false);
    assert.equal(isValidIdNumber('110105194912310021'), false);
  });

  it('should refuse an impossible birth date even with a correct check digit', () => {
    for (const body of ['32010219900230123', '32010219900231123', '32010219901301123', '32010219900100123', '32010220230229123']) {
      assert.equal(isValidIdNumber(withCheck(body)), false, withCheck(body));
    }
    // 29 February of a leap year is a real date.
    assert.equal(isValidIdNumber(withCheck('32010220240229123')), true);
  });

  it('should refuse a birth year before 1900', () => {
    assert.equal(isValidIdNumber(withCheck('32010218991231123')), false);
    assert.equal(isValidIdNumber(withCheck('32010219000101123')), true);
  });

  it('should refuse wrong lengths and characters', () => {
    assert.equal(isValidIdNumber('32010219900101123'), false); // 17 digits
    assert.equal(isValidIdNumber('3201021990010112322'), false); // 19 digits
    assert.equal(isValidIdNumber('320102900101123'), false); // the old 15-digit form
    assert.equal(isValidIdNumber('3201021990010112X2'), false); // X not last
    assert.equal(isValidIdNumber('32010219900101123Y'), false);
    assert.equal(isValidIdNumber(''), false);
  });
});

describe('isValidPhone', () => {
  it('should accept mainland mobiles, also with spaces, dashes and +86/86', () => {
    for (const p of ['13812345678', '19912345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+8613812345678', '8613812345678']) {
      assert.equal(isValidPhone(p), true, p);
    }
  });

  it('should accept landlines with an area code', () => {
    for (const p of ['025-87654321', '010-12345678', '0755 1234 5678', '02587654321', '0571-8888888']) {
      assert.equal(isValidPhone(p), true, p);
    }
  });

  it('should refuse numbers too short or too long, a mobile from 12, and a landline without area code', () => {
    for (const p of ['1381234567', '138123456', '138123456789', '12812345678', '87654321', '025-1234', '0251234567890', '', 'abc']) {
      assert.equal(isValidPhone(p), false, p);
    }
  });
});

describe('normalisation', () => {
  it('should upper-case and strip spaces from ID numbers', () => {
    assert.equal(normaliseIdNumber(' 110105 19491231 002x '), '11010519491231002X');
  });

  it('should strip spaces, dashes and the +86 prefix from phones', () => {
    for (const p of ['138 1234 5678', '138-1234-5678', '+86 138-1234-5678', '86 13812345678']) assert.equal(normalisePhone(p), '13812345678', p);
    assert.equal(normalisePhone('025-8765 4321'), '02587654321');
  });
});

describe('maskIdNumber', () => {
  it('should keep the first four and the last four', () => {
    assert.equal(maskIdNumber('320102199001011234'), '3201**********1234');
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  });

  it('should mask a spaced or lower-case number the same way', () => {
    assert.equal(maskIdNumber('3201 0219 9001 0112 34'), '3201**********1234');
    assert.equal(maskIdNumber(' 110105 19491231 002x'), '1101**********002X');
  });

  it('should mask short input completely', () => {
    assert.equal(maskIdNumber('12345678'), '********');
    assert.equal(maskIdNumber(''), '');
  });
});

describe('maskPhone', () => {
  it('should keep the first three and the last four', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
  });

  it('should mask the same number written with spaces, dashes or +86 the same way', () => {
    for (const p of ['138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+86-138-1234-5678']) assert.equal(maskPhone(p), '138****5678', p);
  });

  it('should mask a landline', () => {
    assert.equal(maskPhone('025-8765-4321'), '025****4321');
    assert.equal(maskPhone('010-12345678'), '010****5678');
  });

  it('should mask short input completely', () => {
    assert.equal(maskPhone('1234567'), '*******');
  });
});
