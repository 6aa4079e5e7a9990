/** The places form's "orders a day" fields: empty is unlimited, anything else a whole number. */
import { describe, expect, it } from 'vitest';
import { capacitiesText, readCapacities } from '../../../console/capacities.js';
import type { ServiceId } from '../../../contract/primitives.js';

const LABELS: Record<ServiceId, string> = {
  same_day: 'Same day',
  local_courier: 'Local courier',
  next_day: 'Next day',
  two_day: 'Two day',
  standard: 'Standard',
};

const fields = (typed: Partial<Record<ServiceId, string>>) => (service: ServiceId) => typed[service] ?? '';

describe('readCapacities', () => {
  it('reads whole numbers per service, leaves empty ones out (unlimited), and keeps 0 (closed to orders)', () => {
    expect(readCapacities(['same_day', 'local_courier'], fields({ same_day: '60', local_courier: '' }), LABELS)).toEqual({
      capacities: { same_day: 60 },
    });
    expect(readCapacities(['same_day'], fields({ same_day: ' 0 ' }), LABELS)).toEqual({ capacities: { same_day: 0 } });
    expect(readCapacities(['next_day'], fields({ next_day: '1,200' }), LABELS)).toEqual({ capacities: { next_day: 1200 } });
    expect(readCapacities(['same_day', 'next_day'], fields({}), LABELS)).toEqual({ capacities: {} });
  });

  it('reads only the services the place offers', () => {
    expect(readCapacities(['same_day'], fields({ same_day: '5', next_day: '9' }), LABELS)).toEqual({ capacities: { same_day: 5 } });
  });

  it('names the field that is not a whole number from 0 to a million', () => {
    for (const typed of ['-1', '2.5', 'ten', '1e3', '1000001']) {
      const read = readCapacities(['same_day', 'next_day'], fields({ same_day: '4', next_day: typed }), LABELS);
      expect(read, typed).toEqual({ service: 'next_day', error: expect.stringMatching(/^Next day orders a day: give a whole number/) });
    }
  });
});

describe('capacitiesText', () => {
  it('lists the limits, or says unlimited when there are none', () => {
    expect(capacitiesText({ same_day: 60, local_courier: 0 }, LABELS)).toBe('Same day 60/day, Local courier 0/day');
    expect(capacitiesText({}, LABELS)).toBe('Unlimited');
  });
});
