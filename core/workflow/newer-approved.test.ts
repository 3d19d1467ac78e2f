import { newerApprovedText } from './newer-approved';

describe('a send older than one approved since', () => {
  test('one text: when the approved one was sent, with the seconds (Mexico City), and what its reader can do', () => {
    expect(newerApprovedText('2024-03-05T18:00:07Z', 'coordinator')).toBe('No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución (enviado el 05/03/2024, 12:00:07\u00a0p.m.), y este publicaría encima datos anteriores. Devuélvalo con un comentario; si algo de este envío falta en aquel, pida que lo envíen de nuevo.');
    expect(newerApprovedText('2024-03-05T18:00:07Z', 'official')).toBe('No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución (enviado el 05/03/2024, 12:00:07\u00a0p.m.), y este publicaría encima datos anteriores. Su coordinación solo puede devolverlo; si algo de este envío falta en aquel, envíelo en un libro nuevo.');
  });
});
