import { describe, expect, it, vi } from 'vitest';
import { localeLoader, type LocaleChunks } from '../../../../widget/locales/load.js';

const english = { hello: 'Hello' };
const french = { hello: 'Bonjour' };

function chunks(fr: () => Promise<{ messages: typeof english }>): LocaleChunks<typeof english> {
  const never = () => Promise.reject(new Error('not in this test'));
  return { fr, id: never, ja: never, zh: never, ar: never };
}

describe('localeLoader', () => {
  it('has English built in and fetches another locale once, on first use', async () => {
    const fr = vi.fn(async () => ({ messages: french }));
    const load = localeLoader(english, chunks(fr));
    expect(await load('en')).toBe(english);
    expect(fr).not.toHaveBeenCalled();
    expect(await Promise.all([load('fr'), load('fr')])).toEqual([french, french]);
    expect(await load('fr')).toBe(french);
    expect(fr).toHaveBeenCalledTimes(1);
  });

  it('gives English when a chunk fails to load, and fetches it again next time', async () => {
    const fr = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce({ messages: french });
    const load = localeLoader(english, chunks(fr));
    expect(await load('fr')).toBe(english);
    expect(await load('fr')).toBe(french);
    expect(fr).toHaveBeenCalledTimes(2);
  });
});
