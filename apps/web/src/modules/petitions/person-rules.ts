// Client-side checks of a petitioner's identity number and phone, with the same rules the server applies
// (packages/core), so a mistyped number is caught while the petitioner is still at the counter.
import type { FormRule } from 'antd';
import { isValidIdNumber, isValidPhone } from '@zhongshu/core/petitions/identity.ts';

export const ID_NUMBER_MESSAGE = '身份证号码格式不正确：应为18位，出生日期和末位校验码须正确（末位可为X）';
export const PHONE_MESSAGE = '联系电话格式不正确：手机号为11位，固定电话须带区号';

/** Optional identity number: empty passes, anything typed must be a valid 18-digit number. */
export const idNumberRules: FormRule[] = [
  {
    validator: (_rule, value: string | undefined) =>
      !value?.trim() || isValidIdNumber(value) ? Promise.resolve() : Promise.reject(new Error(ID_NUMBER_MESSAGE)),
  },
];

export function phoneRules(required: boolean): FormRule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: '请填写联系电话' }] : []),
    {
      validator: (_rule, value: string | undefined) => (!value?.trim() || isValidPhone(value) ? Promise.resolve() : Promise.reject(new Error(PHONE_MESSAGE))),
    },
  ];
}

/** Trimmed, with empty optional fields left out of the request. */
export function toPersonInput(person: { name?: string; idNumber?: string; phone?: string; address?: string }) {
  const out: { name: string; idNumber?: string; phone?: string; address?: string } = { name: (person.name ?? '').trim() };
  if (person.idNumber?.trim()) out.idNumber = person.idNumber.trim();
  if (person.phone?.trim()) out.phone = person.phone.trim();
  if (person.address?.trim()) out.address = person.address.trim();
  return out;
}

/**
 * The form path of a server field name: "petitioner.phone" → ['petitioner', 'phone'],
 * "representatives.2.name" → ['representatives', 2, 'name'].
 */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
