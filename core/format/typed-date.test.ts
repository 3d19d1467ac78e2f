import { readTypedDate } from './typed-date';

describe('readTypedDate', () => {
  it('reads dd/mm/aaaa as es-MX writes it, with or without leading zeros', () => {
    expect(readTypedDate('15/01/2024')).toEqual({ iso: '2024-01-15' });
    expect(readTypedDate(' 5/1/2024 ')).toEqual({ iso: '2024-01-05' });
    expect(readTypedDate('29-02-2024')).toEqual({ iso: '2024-02-29' });
    expect(readTypedDate('10.03.2024')).toEqual({ iso: '2024-03-10' });
  });
  it('refuses other forms, and days the calendar has not', () => {
    expect(readTypedDate('2024-03-10')).toEqual({ problem: 'format' });
    expect(readTypedDate('03/10/24')).toEqual({ problem: 'format' });
    expect(readTypedDate('10/03-2024')).toEqual({ problem: 'format' });
    expect(readTypedDate('31/02/2024')).toEqual({ problem: 'calendar' });
    expect(readTypedDate('29/02/2023')).toEqual({ problem: 'calendar' });
    expect(readTypedDate('12/13/2024')).toEqual({ problem: 'calendar' });
    expect(readTypedDate('00/01/2024')).toEqual({ problem: 'calendar' });
  });
});
