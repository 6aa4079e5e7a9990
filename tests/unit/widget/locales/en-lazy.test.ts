import { describe, expect, it } from 'vitest';
import { allMessages, enLazy } from '../../../../widget/locales/en-lazy.js';
import { en } from '../../../../widget/locales/en.js';
import { messages as ar } from '../../../../widget/locales/ar.js';
import { messages as fr } from '../../../../widget/locales/fr.js';
import { messages as id } from '../../../../widget/locales/id.js';
import { messages as ja } from '../../../../widget/locales/ja.js';
import { messages as zh } from '../../../../widget/locales/zh.js';

const keys = (messages: object) => Object.keys(messages).sort();

describe('allMessages', () => {
  it("completes the first chunk's English with the lazy chunks' English, once", () => {
    const all = allMessages(en);
    expect(all.buy).toBe('Buy now');
    expect(all.soldOut).toBe('Sold out');
    expect(all.service.expedited).toBe('Expedited');
    expect(all.unknownPostalCode('00000')).toBe('Postal code 00000 not found');
    expect(allMessages(en)).toBe(all);
    expect(allMessages(all)).toBe(all);
  });

  it('keeps the lazy strings out of the first chunk’s English', () => {
    for (const key of Object.keys(enLazy)) expect(en).not.toHaveProperty(key);
  });

  it.each([
    ['id', id],
    ['fr', fr],
    ['ja', ja],
    ['zh', zh],
    ['ar', ar],
  ])('takes the %s chunk as it is: it carries every string English has', (_locale, messages) => {
    expect(allMessages(messages)).toBe(messages);
    expect(keys(messages)).toEqual(keys(allMessages(en)));
    expect(keys(messages.service)).toEqual(keys(enLazy.service));
  });
});
